using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Enswitch.Client.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// faults.md C5 and C7 again with every signal on at once (logs at Trace, IHttpClientFactory's included;
/// activities of every source; measurements of every instrument; diagnostic events), in both request
/// methods and in token mode: one SDK span and one duration measurement per call, and neither the
/// password nor a token anywhere.
/// </summary>
public abstract partial class CredentialTests
{
    private const string SdkSource = "Enswitch.Client";

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task C5_C7_EverySignalOn_ForSuccessAndEveryFailureClass_OneSpanAndMeasurementPerCall_NoPassword(EnswitchRequestMethod method)
    {
        var canary = Canary.Create();
        await using var h = await StartCanaryHarnessAsync(canary, method, FullUriLogging, static s => s.AddMetrics());
        using var diagnostics = DiagnosticRecorder.Start();
        using var telemetry = TelemetryRecorder.Start(h.Services.GetRequiredService<IMeterFactory>());

        var errors = await RunEveryOutcomeAsync(h, canary);

        // Two calls succeed, every other one throws; each is one span and one measurement, in order.
        var spans = telemetry.SdkSpans;
        Assert.Equal(errors.Count + 2, spans.Count);
        Assert.Equal(errors.Count + 2, telemetry.Duration.GetMeasurementSnapshot().Count);
        Assert.Equal([null, null, .. errors.Select(e => e.GetType().FullName)], spans.Select(s => (string?)TelemetryRecorder.Tag(s.TagObjects, "error.type")));
        Assert.Equal([ActivityStatusCode.Unset, ActivityStatusCode.Unset, .. errors.Select(_ => ActivityStatusCode.Error)], spans.Select(s => s.Status));
        Assert.Equal(
            errors.Select(e => e.GetType().FullName).Order(),
            telemetry.Duration.GetMeasurementSnapshot().Select(m => m.Tags.GetValueOrDefault("error.type") as string).OfType<string>().Order());
        AssertSpansDescribeTheServer(h, spans);
        AssertRetriesAgree(telemetry, spans);

        // The process-wide listeners are real: they saw the SDK's instruments.
        var signals = telemetry.AllText();
        Assert.Contains("Enswitch.Client enswitch.client.operation.duration enswitch.function=recording/groups/create", signals, StringComparison.Ordinal);
        if (Form == EmulatorForm.Socket)
        {
            // Every attempt's HTTP span sits under its call's span, and HttpClient's own instruments were seen too (in
            // memory no socket handler runs, so neither exists: the Testing README says so).
            var http = telemetry.TraceActivities.Where(a => a.Source.Name == "System.Net.Http").ToList();
            Assert.True(http.Count >= h.Emulator.Journal.Count, $"{http.Count} HTTP spans for {h.Emulator.Journal.Count} requests");
            var callSpans = spans.Select(s => s.SpanId).ToHashSet();
            Assert.All(http, a => Assert.Contains(a.ParentSpanId, callSpans));
            Assert.Contains("System.Net.Http http.client.request.duration", signals, StringComparison.Ordinal);
        }

        canary.AssertAbsent("traces and metrics", signals);
        canary.AssertAbsent("logs", LogText(h));
        foreach (var e in diagnostics.Events)
        {
            canary.AssertAbsent($"diagnostic event {e.Listener}/{e.Name}: current activity", e.CurrentActivity);
        }
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task C7_TokenMode_EverySignalOn_LoginsRetriesAndFailures_NeitherPasswordNorToken(EnswitchRequestMethod method)
    {
        var canary = Canary.Create();
        await using var h = await SdkHarness.StartAsync(
            o =>
            {
                o.Username = CanaryUser;
                o.Password = canary.Password;
                o.RequestMethod = method;
                o.Authentication = EnswitchAuthenticationMode.Token;
            },
            http: FullUriLogging,
            services: static s => s.AddMetrics(),
            form: Form);
        h.Emulator.AddUser(CanaryUser, canary.Password, EnswitchRoles.Administrator);
        using var diagnostics = DiagnosticRecorder.Start();
        using var telemetry = TelemetryRecorder.Start(h.Services.GetRequiredService<IMeterFactory>());
        var request = new CreateRecordGroupRequest("Token group");
        string CurrentToken() => h.Emulator.Journal[^1]["auth_token"]!;
        string Echo(string token) => $"token [{token}] escaped [{Uri.EscapeDataString(token)}] password {canary.Echo()}";

        // A login, a create, and a failure that quotes the token back.
        await h.Groups.CreateAsync(request, cancellationToken: SdkHarness.Token);
        var first = CurrentToken();
        h.Emulator.InjectFault(Create, EmulatorFault.Envelope(Envelope(400, first, Echo(first))));
        await Assert.ThrowsAsync<InvalidParameterException>(() => h.Groups.CreateAsync(request, cancellationToken: SdkHarness.Token));

        // A validation retried past a proxy page that quotes the token.
        h.Emulator.InjectFault(Create, EmulatorFault.Raw(502, $"<html>{Echo(first)}</html>"));
        await h.Groups.ValidateCreateAsync(request, cancellationToken: SdkHarness.Token);

        // The token expires: 401, a second login, the repeat succeeds; then failures quoting the new token.
        h.Emulator.ExpireAllTokens();
        await h.Groups.CreateAsync(request, cancellationToken: SdkHarness.Token);
        var second = CurrentToken();
        h.Emulator.InjectFault(Create, EmulatorFault.Envelope(Envelope(404, second, Echo(second))));
        await Assert.ThrowsAsync<NotFoundException>(() => h.Groups.CreateAsync(request, cancellationToken: SdkHarness.Token));
        h.Emulator.InjectFault(Create, EmulatorFault.CloseAfterRequest);
        Assert.True((await Assert.ThrowsAsync<EnswitchTransportException>(() => h.Groups.CreateAsync(request, cancellationToken: SdkHarness.Token))).OutcomeUnknown);

        Assert.NotEqual(first, second);
        Assert.Equal(2, h.Emulator.RequestsTo("user/login").Count);
        string[] functions = ["user/login", Create, Create, Create, Create, "user/login", Create, Create, Create];
        Assert.Equal(functions, telemetry.SdkSpans.Select(s => s.DisplayName));
        Assert.Equal(functions.Length, telemetry.Duration.GetMeasurementSnapshot().Count);
        AssertSpansDescribeTheServer(h, telemetry.SdkSpans);
        AssertRetriesAgree(telemetry, telemetry.SdkSpans);
        Assert.Equal(1, telemetry.Retries.GetMeasurementSnapshot().Sum(m => m.Value));

        var signals = new Dictionary<string, string>
        {
            ["traces and metrics"] = telemetry.AllText(),
            ["logs"] = LogText(h),
            ["diagnostic events' current activity"] = string.Join('\n', diagnostics.Events.Select(e => e.CurrentActivity)),
        };
        foreach (var (where, text) in signals)
        {
            canary.AssertAbsent(where, text);
            AssertNoToken(first, where, text);
            AssertNoToken(second, where, text);
        }
    }

    private static void FullUriLogging(IHttpClientBuilder builder) =>
        builder.AddHttpMessageHandler(sp => new FullUriLoggingHandler(sp.GetRequiredService<ILoggerFactory>()));

    private static string Envelope(int code, string key, string message) => JsonSerializer.Serialize(new
    {
        responses = new[] { new { code = code.ToString(CultureInfo.InvariantCulture), key, message } },
    });

    /// <summary>Checks every SDK span names its function, kind, attempts and the emulator's address, and no URL.</summary>
    private static void AssertSpansDescribeTheServer(SdkHarness h, IReadOnlyList<Activity> spans)
    {
        Assert.All(spans, span =>
        {
            Assert.Equal(SdkSource, span.Source.Name);
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal(span.DisplayName, TelemetryRecorder.Tag(span.TagObjects, "enswitch.function"));
            Assert.NotNull(TelemetryRecorder.Tag(span.TagObjects, "enswitch.operation.kind"));
            Assert.IsType<int>(TelemetryRecorder.Tag(span.TagObjects, "enswitch.attempts"));
            Assert.IsType<bool>(TelemetryRecorder.Tag(span.TagObjects, "enswitch.outcome_unknown"));
            Assert.Equal(h.Emulator.BaseAddress.Host, TelemetryRecorder.Tag(span.TagObjects, "server.address"));
            Assert.Equal(h.Emulator.BaseAddress.Port, TelemetryRecorder.Tag(span.TagObjects, "server.port"));
            Assert.DoesNotContain(span.TagObjects, t => t.Key.StartsWith("url.", StringComparison.Ordinal) || t.Key.StartsWith("user.", StringComparison.Ordinal));
        });
    }

    /// <summary>Checks the retry counter, the spans' retry events and their attempt counts tell the same story.</summary>
    private static void AssertRetriesAgree(TelemetryRecorder telemetry, IReadOnlyList<Activity> spans)
    {
        var retried = spans.Sum(s => (int)TelemetryRecorder.Tag(s.TagObjects, "enswitch.attempts")! - 1);
        Assert.Equal(retried, spans.Sum(s => s.Events.Count(e => e.Name == "enswitch.retry")));
        Assert.Equal(retried, telemetry.Retries.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.True(retried > 0, "no call was retried, so the retry signals were not exercised");
    }

    private static void AssertNoToken(string token, string where, string text)
    {
        foreach (var variant in new[] { token, Uri.EscapeDataString(token), WebUtility.UrlEncode(token), token[..16], token[^16..] })
        {
            var at = text.IndexOf(variant, StringComparison.Ordinal);
            Assert.True(at < 0, $"{where} holds the token (form '{variant}'): ...{(at < 0 ? string.Empty : text.Substring(Math.Max(0, at - 120), Math.Min(text.Length - Math.Max(0, at - 120), 240)))}...");
        }
    }
}
