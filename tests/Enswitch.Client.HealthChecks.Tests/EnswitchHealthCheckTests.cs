using System.Globalization;
using System.Text.Json;
using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Enswitch.Client.HealthChecks.Tests;

/// <summary>
/// <c>AddHealthChecks().AddEnswitch(...)</c> run by the host's <see cref="HealthCheckService"/> against the emulator over
/// real sockets: one authenticated <c>user/login</c>, its latency, and an outcome a person on call can act on, with the
/// password in no description, data, exception or log line.
/// </summary>
public class EnswitchHealthCheckTests
{
    private const string Login = "user/login";

    private static CancellationToken Token => HealthApp.Token;

    [Theory]
    [InlineData(EnswitchAuthenticationMode.Password)]
    [InlineData(EnswitchAuthenticationMode.Token)]
    public async Task IsHealthyAgainstTheEmulator_WithTheLatencyOfOneLogin(EnswitchAuthenticationMode authentication)
    {
        // The check and the emulator's delay share a fake clock, so the latency is exact.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var emulator = await EnswitchEmulator.StartAsync(new EnswitchEmulatorOptions { TimeProvider = time }, Token);
        await using var app = await HealthApp.StartAsync(
            services =>
            {
                services.AddSingleton<TimeProvider>(time);
                services.AddEnswitchClient(HealthApp.Client(emulator, EnswitchEmulator.DefaultPassword, authentication));
                services.AddHealthChecks().AddEnswitch();
            },
            emulator);
        // In token mode the first login (token=1) is the SDK's own; the check's call is the last one.
        var checkCall = authentication == EnswitchAuthenticationMode.Token ? 2 : 1;
        emulator.InjectFault(Login, EmulatorFault.Delay(TimeSpan.FromMilliseconds(250)), count: checkCall);

        var checking = app.CheckAsync();
        for (var call = 1; call <= checkCall; call++)
        {
            await emulator.WaitForRequestAsync(Login, call, Token);
            time.Advance(TimeSpan.FromMilliseconds(250));
        }

        var entry = (await checking).Entries["enswitch"];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(
            $"The Enswitch server at {HealthApp.Server(emulator)} accepted the credentials of user 'admin' and answered user/login in {250 * checkCall} ms.",
            entry.Description);
        Assert.Equal(250.0 * checkCall, Assert.IsType<double>(entry.Data["latency_ms"]));
        Assert.Null(entry.Exception);
        var request = emulator.RequestsTo(Login)[^1];
        Assert.Equal(authentication == EnswitchAuthenticationMode.Token ? EmulatorCredential.Token : EmulatorCredential.Password, request.AuthenticatedWith);
        Assert.Null(request["token"]);
        Assert.Equal(checkCall, emulator.Journal.Count);
    }

    [Theory]
    [InlineData(EnswitchAuthenticationMode.Password)]
    [InlineData(EnswitchAuthenticationMode.Token)]
    public async Task IsUnhealthyWhenThePasswordIsWrong_WithThePasswordInNoDescriptionDataExceptionOrLog(EnswitchAuthenticationMode authentication)
    {
        // Characters that percent-encoding changes, so that an encoded copy would show too.
        var password = $"Wrong&Pass;{Guid.NewGuid():N}";
        var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await using var app = await HealthApp.StartAsync(
            services =>
            {
                services.AddEnswitchClient(HealthApp.Client(emulator, password, authentication));
                services.AddHealthChecks().AddEnswitch();
            },
            emulator);

        var report = await app.CheckAsync();

        var entry = report.Entries["enswitch"];
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal(
            $"The Enswitch server at {HealthApp.Server(emulator)} refused the credentials of user 'admin' (code 401): check the client's Username and Password.",
            entry.Description);
        Assert.Equal(401, Assert.IsType<AuthenticationException>(entry.Exception).Code);
        Assert.IsType<double>(entry.Data["latency_ms"]);
        Assert.Equal(EmulatorCredential.None, Assert.Single(emulator.RequestsTo(Login)).AuthenticatedWith);
        AssertNowhere(password, app, entry);
    }

    [Fact]
    public async Task ChecksEachNamedClientAgainstItsOwnServer()
    {
        var a = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        var b = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await using var app = await HealthApp.StartAsync(
            services =>
            {
                services.AddEnswitchClient("pbx-a", HealthApp.Client(a, EnswitchEmulator.DefaultPassword));
                services.AddEnswitchClient("pbx-b", HealthApp.Client(b, "not-the-password"));
                services.AddHealthChecks()
                    .AddEnswitch("pbx-a", tags: ["ready"])
                    .AddEnswitch("pbx-b", tags: ["ready"]);
            },
            a,
            b);

        var report = await app.CheckAsync();

        Assert.Equal(["enswitch:pbx-a", "enswitch:pbx-b"], report.Entries.Keys.Order(StringComparer.Ordinal));
        var first = report.Entries["enswitch:pbx-a"];
        Assert.Equal(HealthStatus.Healthy, first.Status);
        Assert.StartsWith($"The Enswitch server of client 'pbx-a' at {HealthApp.Server(a)} accepted the credentials of user 'admin'", first.Description, StringComparison.Ordinal);
        Assert.Equal(["ready"], first.Tags);
        var second = report.Entries["enswitch:pbx-b"];
        Assert.Equal(HealthStatus.Unhealthy, second.Status);
        Assert.StartsWith($"The Enswitch server of client 'pbx-b' at {HealthApp.Server(b)} refused the credentials of user 'admin'", second.Description, StringComparison.Ordinal);
        Assert.Single(a.RequestsTo(Login));
        Assert.Single(b.RequestsTo(Login));
    }

    [Fact]
    public async Task ReportsAClientNameThatIsNotRegistered()
    {
        var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await using var app = await HealthApp.StartAsync(
            services =>
            {
                services.AddEnswitchClient(HealthApp.Client(emulator, EnswitchEmulator.DefaultPassword));
                services.AddHealthChecks().AddEnswitch("pbx-x");
            },
            emulator);

        var entry = (await app.CheckAsync()).Entries["enswitch:pbx-x"];

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.StartsWith("No Enswitch client is registered under the name 'pbx-x'.", entry.Description, StringComparison.Ordinal);
        Assert.Empty(emulator.Journal);
    }

    [Theory]
    [InlineData(402, "role")]
    [InlineData(403, "rate plan")]
    public async Task ReportsARoleOrRatePlanThatDeniesTheLoginAsDegraded(int code, string what)
    {
        var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await using var app = await HealthApp.StartAsync(
            services =>
            {
                services.AddEnswitchClient(HealthApp.Client(emulator, EnswitchEmulator.DefaultPassword));
                services.AddHealthChecks().AddEnswitch();
            },
            emulator);
        // A server message that quotes the password, which the SDK scrubs before anything can show it.
        emulator.InjectFault(Login, EmulatorFault.Envelope(Envelope(code, $"denied to admin with {EnswitchEmulator.DefaultPassword}")));

        var entry = (await app.CheckAsync()).Entries["enswitch"];

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal(
            $"The Enswitch server at {HealthApp.Server(emulator)} accepted the credentials of user 'admin', but the user's {what} does not permit user/login (code {code}); calls the {what} permits may still work.",
            entry.Description);
        Assert.Equal(code, Assert.IsAssignableFrom<EnswitchApiException>(entry.Exception).Code);
        AssertNowhere(EnswitchEmulator.DefaultPassword, app, entry);
    }

    [Fact]
    public async Task ReportsATransportFailureWithTheConfiguredFailureStatusTypeAndMessage()
    {
        var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await using var app = await HealthApp.StartAsync(
            services =>
            {
                services.AddEnswitchClient(HealthApp.Client(emulator, EnswitchEmulator.DefaultPassword));
                services.AddHealthChecks().AddEnswitch(failureStatus: HealthStatus.Degraded);
            },
            emulator);
        await emulator.StopAcceptingAsync(Token);

        var entry = (await app.CheckAsync()).Entries["enswitch"];

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        var failure = Assert.IsType<EnswitchTransportException>(entry.Exception);
        Assert.Equal($"The Enswitch server at {HealthApp.Server(emulator)}: user/login failed with EnswitchTransportException: {failure.Message}", entry.Description);
        Assert.False(failure.RequestSent);
        Assert.IsType<double>(entry.Data["latency_ms"]);
        AssertNowhere(EnswitchEmulator.DefaultPassword, app, entry);
    }

    [Fact]
    public async Task ReportsNoAnswerWithinTheTimeout()
    {
        // The SDK's timeouts and the latency run on the fake clock.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await using var app = await HealthApp.StartAsync(
            services =>
            {
                services.AddSingleton<TimeProvider>(time);
                services.AddEnswitchClient(HealthApp.Client(emulator, EnswitchEmulator.DefaultPassword));
                services.AddHealthChecks().AddEnswitch(timeout: TimeSpan.FromSeconds(2));
            },
            emulator);
        emulator.InjectFault(Login, EmulatorFault.Hang);

        var checking = app.CheckAsync();
        await emulator.WaitForRequestAsync(Login, cancellationToken: Token);
        time.Advance(TimeSpan.FromSeconds(2));
        var entry = (await checking).Entries["enswitch"];

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        var failure = Assert.IsType<EnswitchTransportException>(entry.Exception);
        Assert.Contains("2 s", failure.Message, StringComparison.Ordinal);
        Assert.Equal($"The Enswitch server at {HealthApp.Server(emulator)}: user/login failed with EnswitchTransportException: {failure.Message}", entry.Description);
        Assert.Equal(2000.0, entry.Data["latency_ms"]);
        Assert.Single(emulator.RequestsTo(Login));
    }

    // A retry would turn a server that failed now into Healthy, and stretch the check by the backoff.
    [Fact]
    public async Task MakesOneAttemptOnly()
    {
        var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await using var app = await HealthApp.StartAsync(
            services =>
            {
                services.AddEnswitchClient(HealthApp.Client(emulator, EnswitchEmulator.DefaultPassword));
                services.AddHealthChecks().AddEnswitch();
            },
            emulator);
        emulator.InjectFault(Login, EmulatorFault.Raw(503, "<html>Service Unavailable</html>"));

        var entry = (await app.CheckAsync()).Entries["enswitch"];

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal(503, Assert.IsAssignableFrom<EnswitchException>(entry.Exception).HttpStatus);
        Assert.Single(emulator.RequestsTo(Login));

        // The next check, once the server answers again, is Healthy.
        Assert.Equal(HealthStatus.Healthy, (await app.CheckAsync()).Entries["enswitch"].Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(2 * 24 * 60 * 60 * 1000)]
    public void RefusesATimeoutOutsideTenMillisecondsToOneDay(long milliseconds)
    {
        var checks = new ServiceCollection().AddHealthChecks();

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => checks.AddEnswitch(timeout: TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Equal("timeout", refused.ParamName);
    }

    private static string Envelope(int code, string message) => JsonSerializer.Serialize(new
    {
        responses = new[] { new { code = code.ToString(CultureInfo.InvariantCulture), key = string.Empty, message } },
    });

    /// <summary>Asserts the password, raw or percent-encoded, is in no part of the entry and in no log line of the host.</summary>
    private static void AssertNowhere(string password, HealthApp app, HealthReportEntry entry)
    {
        string[] forms = [password, Uri.EscapeDataString(password)];
        // The capture spans the host: the health check service logs each entry's description.
        var logs = app.AllLogText();
        Assert.Contains(entry.Description!, logs, StringComparison.Ordinal);
        foreach (var form in forms)
        {
            Assert.DoesNotContain(form, entry.Description ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain(form, entry.Exception?.ToString() ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain(entry.Data, d => d.Key.Contains(form, StringComparison.Ordinal) || $"{d.Value}".Contains(form, StringComparison.Ordinal));
            Assert.DoesNotContain(form, logs, StringComparison.Ordinal);
        }
    }
}
