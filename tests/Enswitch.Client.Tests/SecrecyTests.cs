using System.Net;
using System.Text.Json;
using Enswitch.Client.Recording;
using Enswitch.Client.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.Tests;

/// <summary>
/// A random password that needs encoding must never show in options, requests seen by handlers outside
/// the SDK, exceptions, logs (every category at Trace, IHttpClientFactory's own included), traces or
/// metrics, in either request method (design.md section 5, faults.md C4, C5 and C7).
/// </summary>
public class SecrecyTests
{
    private static readonly string[] FailureNames =
    [
        "400", "401", "402", "403", "404", "418", "500", "two entries", "html 502", "html 200", "malformed json",
        "data missing", "data missing, raw echo", "empty body", "too large", "redirect", "connection refused",
        "connection broken", "timeout", "retry after an hour", "duplicate send", "validation answered 200",
    ];

    public static TheoryData<string, EnswitchRequestMethod> Failures()
    {
        var data = new TheoryData<string, EnswitchRequestMethod>();
        foreach (var name in FailureNames)
        {
            data.Add(name, EnswitchRequestMethod.Post);
            data.Add(name, EnswitchRequestMethod.Get);
        }

        return data;
    }

    /// <summary>
    /// A harness whose password is <paramref name="password"/>, through DI, with every log at Trace and the
    /// HTTP client factory's own loggers added back (the SDK removes them), as an app that wants them does.
    /// </summary>
    private static ClientHarness Harness(string password, EnswitchRequestMethod method, Action<EnswitchClientOptions>? configure = null, Action<IHttpClientBuilder>? http = null) =>
        ClientHarness.WithDependencyInjection(
            o =>
            {
                o.Password = password;
                o.RequestMethod = method;
                configure?.Invoke(o);
            },
            builder =>
            {
                builder.AddDefaultLogger();
                http?.Invoke(builder);
            });

    /// <summary>Checks the canary was really sent, so that its absence elsewhere means something.</summary>
    private static void AssertSentOnTheWire(ClientHarness harness, string password)
    {
        var request = harness.Received[0];
        var wire = request.Method == HttpMethod.Get ? request.Uri : request.Body;
        Assert.Contains("auth_password=" + Uri.EscapeDataString(password), wire, StringComparison.Ordinal);
    }

    private static void AssertLogsCaptured(ClientHarness harness)
    {
        var categories = harness.Logs.GetSnapshot().Select(r => r.Category).ToHashSet();
        Assert.Contains("Enswitch.Client", categories);
        Assert.Contains(categories, c => c?.StartsWith("System.Net.Http.HttpClient." + EnswitchServiceCollectionExtensions.HttpClientName, StringComparison.Ordinal) == true);
    }

    public class TheOptions
    {
        [Fact]
        public void NeverShowThePasswordWhenPrintedInterpolatedOrSerialized()
        {
            var password = Canary.NewPassword();
            var options = TestOptions.Create(o => o.Password = password);

            Canary.AssertAbsent(password, options.ToString(), "ToString()");
            Canary.AssertAbsent(password, $"{options}", "string interpolation");
            var json = JsonSerializer.Serialize(options);
            Assert.Contains("\"Username\":\"user\"", json, StringComparison.Ordinal);
            Canary.AssertAbsent(password, json, "JsonSerializer.Serialize");
        }

        [Fact]
        public void NeverShowThePasswordInAValidationFailure()
        {
            var password = Canary.NewPassword();
            using var mock = new RichardSzalay.MockHttp.MockHttpMessageHandler();

            var exception = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
                () => new RecordGroupsClient(mock.ToHttpClient(), TestOptions.Create(o => { o.Password = password; o.MaxRetries = -1; })));

            Canary.AssertAbsent(password, exception);
        }
    }

    public class TheRequest
    {
        [Fact]
        public void NeverHoldsThePasswordWhenPrinted()
        {
            var request = new CreateRecordGroupRequest("example") { Description = "d", Email = "e@example.com" };

            Assert.DoesNotContain("password", request.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("password", JsonSerializer.Serialize(request), StringComparison.OrdinalIgnoreCase);
        }

        [Theory]
        [InlineData(EnswitchRequestMethod.Post)]
        [InlineData(EnswitchRequestMethod.Get)]
        public async Task NeverShowsThePasswordToAHandlerOutsideTheSdk(EnswitchRequestMethod method)
        {
            var password = Canary.NewPassword();
            var outside = new RecordingHandler();
            using var harness = Harness(password, method, http: h => h.AddHttpMessageHandler(() => outside));

            await harness.CreateAsync();

            AssertSentOnTheWire(harness, password);
            Assert.NotEmpty(outside.Seen);
            Assert.All(outside.Seen, text => Canary.AssertAbsent(password, text, "what a handler outside the SDK saw"));
        }

        private sealed class RecordingHandler : DelegatingHandler
        {
            public List<string> Seen { get; } = [];

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Seen.Add(request.ToString());
                Seen.Add(request.RequestUri!.OriginalString);
                var response = await base.SendAsync(request, cancellationToken);
                Seen.Add(request.ToString());
                Seen.Add(response.ToString());
                Seen.Add(response.RequestMessage?.RequestUri?.OriginalString ?? string.Empty);
                return response;
            }
        }
    }

    public class ASuccessfulCall
    {
        [Theory]
        [InlineData(EnswitchRequestMethod.Post)]
        [InlineData(EnswitchRequestMethod.Get)]
        public async Task LogsNoPasswordAtTrace(EnswitchRequestMethod method)
        {
            var password = Canary.NewPassword();
            using var harness = Harness(password, method);
            using var telemetry = TelemetryRecorder.Start(harness.MeterFactory);

            await harness.CreateAsync();

            AssertSentOnTheWire(harness, password);
            AssertLogsCaptured(harness);
            Canary.AssertAbsent(password, harness.Logs);
            AssertOneCallInTelemetry(telemetry, password);
        }
    }

    public class EveryFailure
    {
        [Theory]
        [MemberData(nameof(Failures), MemberType = typeof(SecrecyTests))]
        public async Task KeepsThePasswordOutOfTheExceptionAndTheLogs(string failure, EnswitchRequestMethod method)
        {
            var password = Canary.NewPassword();
            var scenario = Scenario.For(failure, password);
            using var harness = Harness(password, method, scenario.Configure, scenario.Http).Replies(scenario.Replies);
            using var telemetry = TelemetryRecorder.Start(harness.MeterFactory);

            var call = scenario.Validate ? harness.ValidateCreateAsync() : harness.CreateAsync();
            if (scenario.AdvanceAfterArrival is { } advance)
            {
                await harness.AdvanceWhenReceivedAsync(call, 1, advance);
            }

            var exception = await Assert.ThrowsAnyAsync<EnswitchException>(() => ClientHarness.Settled(call));

            Assert.NotEmpty(exception.Message);
            Canary.AssertAbsent(password, exception);
            AssertLogsCaptured(harness);
            Canary.AssertAbsent(password, harness.Logs);
            AssertOneCallInTelemetry(telemetry, password);
            Assert.Equal(exception.GetType().FullName, TelemetryRecorder.Tag(telemetry.SdkSpans[0].TagObjects, "error.type"));
        }
    }

    /// <summary>
    /// Checks that the call was traced and measured once, so that the absence of the password from every
    /// tag, span event and measurement (of every source and instrument) means something.
    /// </summary>
    private static void AssertOneCallInTelemetry(TelemetryRecorder telemetry, string password)
    {
        Assert.Single(telemetry.SdkSpans);
        Assert.Single(telemetry.Duration.GetMeasurementSnapshot());
        Canary.AssertAbsent(password, telemetry.AllText(), "traces and metrics");
    }

    private sealed record Scenario(Reply[] Replies)
    {
        public Action<EnswitchClientOptions>? Configure { get; init; }

        public Action<IHttpClientBuilder>? Http { get; init; }

        public TimeSpan? AdvanceAfterArrival { get; init; }

        public bool Validate { get; init; }

        /// <summary>Builds a failure in which the server echoes the password wherever it can.</summary>
        public static Scenario For(string failure, string password)
        {
            var echo = $"auth_password={password} (as sent: auth_password={Uri.EscapeDataString(password)}, form {WebUtility.UrlEncode(password)})";

            // A JSON body as a server writes it, the echo unescaped (the canary holds no quote or backslash).
            var rawEcho = "{\"responses\":[{\"code\":\"200\",\"key\":\"\",\"message\":\"" + echo + "\"}]}";
            return failure switch
            {
                "400" => new([Reply.Json(Envelope.Code(400, password, echo))]),
                "401" or "402" or "403" or "404" or "418" or "500" => new([Reply.Json(Envelope.Code(int.Parse(failure, System.Globalization.CultureInfo.InvariantCulture), string.Empty, echo))]),
                "two entries" => new([Reply.Json(Envelope.Entries((200, string.Empty, echo), (400, password, echo)))]),
                "html 502" => new([Reply.Html(HttpStatusCode.BadGateway, $"<html><body>{echo}</body></html>")]),
                "html 200" => new([Reply.Html(HttpStatusCode.OK, $"<html><body>{echo}</body></html>")]),
                "malformed json" => new([Reply.Json("{\"responses\":[{\"code\":\"200\",\"message\":\"" + echo)]),
                "data missing" => new([Reply.Json(Envelope.Code(200, string.Empty, "auth_password=" + password))]),
                "data missing, raw echo" => new([Reply.Json(rawEcho)]),
                "empty body" => new([Reply.With(HttpStatusCode.OK, () => new ByteArrayContent([]))]),
                "too large" => new([Reply.Json(echo.PadRight(4096))]) { Configure = o => o.MaxResponseBytes = 1024 },
                "redirect" => new([Reply.Answer(() => new HttpResponseMessage(HttpStatusCode.TemporaryRedirect)
                {
                    Headers = { Location = new Uri("http://other.example.com/?auth_password=" + Uri.EscapeDataString(password)) },
                    Content = new StringContent(echo),
                })]),
                "connection refused" => new([Reply.Refused("Connection refused: " + echo)]),
                "connection broken" => new([Reply.ReadThenFail(new HttpRequestException(HttpRequestError.ResponseEnded, "Connection reset: " + echo))]),
                "timeout" => new([Reply.Hang(), Reply.Json(Envelope.Created123)]) { Configure = o => o.AttemptTimeout = TimeSpan.FromSeconds(5), AdvanceAfterArrival = TimeSpan.FromSeconds(5) },
                "retry after an hour" => new([Reply.Html(HttpStatusCode.ServiceUnavailable, $"<html>{echo}</html>", "3600")]) { Validate = true },
                "duplicate send" => new([Reply.Json(Envelope.Created123)]) { Http = h => h.AddHttpMessageHandler(() => new SendTwiceHandler()) },
                "validation answered 200" => new([Reply.Json(rawEcho)]) { Validate = true },
                _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "No such failure."),
            };
        }
    }
}
