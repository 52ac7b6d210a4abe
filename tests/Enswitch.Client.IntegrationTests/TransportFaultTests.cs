using System.Net;
using System.Net.Sockets;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The transport rows of the fault matrix (faults.md, T1 to T16), over real loopback sockets and again with the
/// emulator in memory: each test asserts what the SDK reports and what the emulator received.
/// </summary>
public abstract class TransportFaultTests(ClientConstruction construction, EmulatorForm form = EmulatorForm.Socket) : OnBothConstructionPaths(construction, form)
{
    private const string Create = "recording/groups/create";

    private static CancellationToken Token => SdkHarness.Token;

    /// <summary>Starts the harness with <paramref name="method"/> and <paramref name="maxRetries"/>, then stops the emulator accepting connections.</summary>
    private async Task<SdkHarness> StartRefusingConnectionsAsync(EnswitchRequestMethod method, int maxRetries, Action<EnswitchClientOptions>? configure = null)
    {
        var h = await StartAsync(o =>
        {
            o.RequestMethod = method;
            o.MaxRetries = maxRetries;
            configure?.Invoke(o);
        });
        await h.Emulator.StopAcceptingAsync(Token);
        return h;
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task T1_CreateConnectionRefusedThenServerComesUp_IsRetried_ExactlyOneRecord(EnswitchRequestMethod method)
    {
        // Real time: the retries keep coming (200 ms, then exponentially longer, up to ten of them) until
        // the listener is back, however long that takes on a loaded machine.
        await using var h = await StartRefusingConnectionsAsync(method, maxRetries: 10, o =>
        {
            o.RetryDelay = TimeSpan.FromMilliseconds(200);
            o.TotalTimeout = TimeSpan.FromMinutes(3);
        });

        var call = h.Groups.CreateAsync(new CreateRecordGroupRequest("after outage"), cancellationToken: Token);
        await h.Signal.WaitAsync(3);
        await h.Emulator.ResumeAcceptingAsync(Token);
        var result = await call.WaitAsync(TimeSpan.FromMinutes(3), Token);

        var group = Assert.Single(h.Emulator.RecordGroups);
        Assert.Equal(result.Id, group.Id);
        Assert.Equal("after outage", group.Name);
        var request = Assert.Single(h.Emulator.RequestsTo(Create));
        Assert.Null(request.Fault);
        var retries = h.Signal.Messages(3);
        Assert.NotEmpty(retries);
        Assert.All(retries, m => Assert.Contains("NotSent", m, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task T2_ConnectionRefusedOnEveryAttempt_NotSent_AttemptsIsOnePlusMaxRetries(EnswitchRequestMethod method)
    {
        await using var h = await StartRefusingConnectionsAsync(method, maxRetries: 2);

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

        Assert.False(error.RequestSent);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(Create, error.Function);
        Assert.Null(error.HttpStatus);
        Assert.Equal(2, h.Signal.Messages(3).Count);
        await h.Emulator.ResumeAcceptingAsync(Token);
        Assert.Empty(h.Emulator.Journal);
        Assert.Empty(h.Emulator.RecordGroups);
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task T3_HostDoesNotResolve_NotSent_MessageNamesHostButNotPassword(EnswitchRequestMethod method)
    {
        const string Host = "enswitch-t3-does-not-exist.invalid";
        const string Password = "T3 p@ss;w&rd=é%+";
        await using var h = await StartAsync(o =>
        {
            o.BaseAddress = new Uri($"http://{Host}/");
            o.AllowInsecureHttp = true;
            o.Password = Password;
            o.RequestMethod = method;
            o.MaxRetries = 2;

            // Name resolution on an offline machine may be slow: give every attempt and the call plenty of time.
            o.AttemptTimeout = TimeSpan.FromMinutes(1);
            o.TotalTimeout = TimeSpan.FromMinutes(5);
        });

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

        Assert.False(error.RequestSent);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(3, error.Attempts);
        Assert.Contains(Host, error.Message, StringComparison.Ordinal);
        var everything = error.ToString();
        foreach (var form in new[] { Password, Uri.EscapeDataString(Password), WebUtility.UrlEncode(Password) })
        {
            Assert.DoesNotContain(form, everything, StringComparison.Ordinal);
        }

        Assert.Empty(h.Emulator.Journal);
    }

    [Fact]
    public async Task T7_ReadReadThenConnectionClosed_IsRetried_Succeeds()
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(Create, EmulatorFault.CloseAfterRequest, count: 1);

        await h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token);

        var requests = h.Emulator.RequestsTo(Create);
        Assert.Equal(2, requests.Count);
        Assert.NotNull(requests[0].Fault);
        Assert.Null(requests[1].Fault);
        Assert.All(requests, r => Assert.Equal("1", r["validation"]));
        Assert.Contains("NoAnswer", Assert.Single(h.Signal.Messages(3)), StringComparison.Ordinal);
        Assert.Empty(h.Emulator.RecordGroups);
    }

    [Fact]
    public async Task T7_ReadConnectionClosedOnEveryAttempt_TypedErrorAfterOnePlusMaxRetries()
    {
        await using var h = await StartAsync(o => o.MaxRetries = 2);
        h.Emulator.InjectFault(Create, EmulatorFault.CloseAfterRequest, count: 10);

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

        Assert.Equal(3, error.Attempts);
        Assert.True(error.RequestSent);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(3, h.Emulator.RequestsTo(Create).Count);
        Assert.All(h.Emulator.RequestsTo(Create), r => Assert.NotNull(r.Fault));
        Assert.Empty(h.Emulator.RecordGroups);
    }

    [Fact]
    public async Task T9_ReadServerNeverAnswers_IsRetried_ThenTransportErrorWithinTotalTimeout()
    {
        // No backoff, so the only timers are the attempt and total timeouts, both armed before a request
        // can reach the emulator: waiting for the request, then advancing the clock, is race-free.
        await using var h = await StartAsync(
            o =>
            {
                o.AttemptTimeout = TimeSpan.FromSeconds(10);
                o.TotalTimeout = TimeSpan.FromSeconds(25);
                o.RetryDelay = TimeSpan.Zero;
                o.MaxRetries = 5;
            },
            fakeTime: true);
        h.Emulator.InjectFault(Create, EmulatorFault.Hang, count: 10);
        var time = h.Time!;

        var call = h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token);
        await h.Emulator.WaitForRequestAsync(Create, 1, Token);
        time.Advance(TimeSpan.FromSeconds(10));
        await h.Emulator.WaitForRequestAsync(Create, 2, Token);
        time.Advance(TimeSpan.FromSeconds(10));
        await h.Emulator.WaitForRequestAsync(Create, 3, Token);

        // The total timeout ends the third attempt before its own attempt timeout would.
        time.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => call.WaitAsync(TimeSpan.FromMinutes(2), Token));

        Assert.Equal(3, error.Attempts);
        Assert.True(error.RequestSent);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(2, h.Signal.Messages(3).Count);
        Assert.Equal(3, h.Emulator.RequestsTo(Create).Count);
        Assert.Empty(h.Emulator.RecordGroups);
    }

    [Fact]
    public async Task T11_CreateConnectionResetMidBody_IsNotRetried_OutcomeUnknown()
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(Create, EmulatorFault.ResetMidBody(declaredLength: 100, sentLength: 50), count: 5);

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

        Assert.True(error.OutcomeUnknown);
        Assert.True(error.RequestSent);

        // Usually the headers are read first (HTTP 200); on a loaded machine the reset can reach the
        // client's socket before it reads them, and the kernel then discards the unread bytes.
        Assert.True(error.HttpStatus is null or 200, $"HttpStatus was {error.HttpStatus}");
        Assert.Equal(1, error.Attempts);
        Assert.Empty(h.Signal.Messages(3));
        Assert.Single(h.Emulator.RequestsTo(Create));
    }

    [Fact]
    public async Task T11_ReadConnectionResetMidBody_IsRetried_Succeeds()
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(Create, EmulatorFault.ResetMidBody(declaredLength: 100, sentLength: 50), count: 1);

        await h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token);

        var requests = h.Emulator.RequestsTo(Create);
        Assert.Equal(2, requests.Count);
        Assert.NotNull(requests[0].Fault);
        Assert.Null(requests[1].Fault);
        Assert.Contains("NoAnswer", Assert.Single(h.Signal.Messages(3)), StringComparison.Ordinal);
        Assert.Empty(h.Emulator.RecordGroups);
    }

    [Fact]
    public async Task T12_CreateSlowButInsideTheTimeout_Succeeds_OneAttempt()
    {
        // One fake clock for the SDK (its timeouts) and the emulator (its delay): the server's 2 s pass on it
        // without the 20 s attempt timeout coming near, and the call cannot end before they have passed.
        var delay = TimeSpan.FromSeconds(2);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await StartAsync(
            o => o.AttemptTimeout = TimeSpan.FromSeconds(20),
            services: s => s.AddSingleton<TimeProvider>(clock),
            emulatorOptions: new EnswitchEmulatorOptions { TimeProvider = clock });
        h.Emulator.InjectFault(Create, EmulatorFault.Delay(delay), count: 1);

        var call = h.Groups.CreateAsync(new CreateRecordGroupRequest("slow"), cancellationToken: Token);
        await h.Emulator.WaitForRequestAsync(Create, cancellationToken: Token);
        clock.Advance(delay - TimeSpan.FromTicks(1));
        Assert.False(call.IsCompleted, "the call completed before the server's delay had passed");
        clock.Advance(TimeSpan.FromTicks(1));
        var result = await call;

        Assert.Equal(result.Id, Assert.Single(h.Emulator.RecordGroups).Id);
        Assert.NotNull(Assert.Single(h.Emulator.RequestsTo(Create)).Fault);
        Assert.Empty(h.Signal.Messages(3));
        var succeeded = Assert.Single(h.Logs.GetSnapshot(), r => r.Category == "Enswitch.Client" && r.Id.Id == 2);
        Assert.Equal("1", succeeded.GetStructuredStateValue("Attempts"));
    }

    [Fact]
    public async Task T13_CallerCancelsBeforeTheSend_OperationCanceled_ServerSawNothing()
    {
        await using var h = await StartAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: cancelled.Token));

        // The emulator is up and a normal call reaches it, so its empty journal above meant something.
        Assert.Empty(h.Emulator.Journal);
        await h.Groups.CreateAsync(new CreateRecordGroupRequest("after"), cancellationToken: Token);
        Assert.Equal("after", Assert.Single(h.Emulator.Journal)["name"]);
    }

    [Fact]
    public async Task T13_CallerCancelsDuringRetryBackoff_OperationCanceled_NothingSentLater()
    {
        await using var h = await StartAsync(o => o.RetryDelay = TimeSpan.FromSeconds(20));
        await h.Emulator.StopAcceptingAsync(Token);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var call = h.Groups.CreateAsync(new CreateRecordGroupRequest("cancelled"), cancellationToken: cts.Token);
        await h.Signal.WaitAsync(3);
        await h.Emulator.ResumeAcceptingAsync(Token);
        await cts.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, error.CancellationToken);
        Assert.Contains("after 1 attempt(s)", Assert.Single(h.Signal.Messages(6)), StringComparison.Ordinal);
        await h.Groups.CreateAsync(new CreateRecordGroupRequest("after"), cancellationToken: Token);
        Assert.Equal("after", Assert.Single(h.Emulator.Journal)["name"]);
        Assert.Equal("after", Assert.Single(h.Emulator.RecordGroups).Name);
    }

    [Fact]
    public async Task T14_CallerCancelsAfterCreateWasSent_OperationCanceled_NotRetried_ServerSawOne()
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(Create, EmulatorFault.Hang, count: 5);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var call = h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: cts.Token);
        await h.Emulator.WaitForRequestAsync(Create, 1, Token);
        await cts.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, error.CancellationToken);
        Assert.Contains("after 1 attempt(s)", Assert.Single(h.Signal.Messages(6)), StringComparison.Ordinal);
        Assert.Empty(h.Signal.Messages(3));
        Assert.Single(h.Emulator.RequestsTo(Create));
        Assert.Empty(h.Emulator.RecordGroups);
    }

    [Fact]
    public async Task T15_CircuitOpenAfterRepeatedFailures_FailsFastNotSent_RecoversAfterTheBreak()
    {
        var breakDuration = TimeSpan.FromSeconds(15);
        await using var h = await StartAsync(
            o =>
            {
                o.CircuitBreakerEnabled = true;
                o.CircuitBreakerMinimumThroughput = 2;
                o.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(30);
                o.CircuitBreakerBreakDuration = breakDuration;
            },
            fakeTime: true);
        h.Emulator.InjectFault(Create, EmulatorFault.Raw(503, "<html><body>503 Service Unavailable</body></html>"), count: 2);

        for (var i = 0; i < 2; i++)
        {
            var failure = await Assert.ThrowsAsync<EnswitchProtocolException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));
            Assert.Equal(503, failure.HttpStatus);
        }

        Assert.Equal(2, h.Emulator.Journal.Count);

        // Open: both kinds of call fail at once, without the fake clock moving, and nothing is sent.
        var open = await Assert.ThrowsAsync<EnswitchTransportException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));
        Assert.False(open.RequestSent);
        Assert.False(open.OutcomeUnknown);
        var openRead = await Assert.ThrowsAsync<EnswitchTransportException>(() => h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));
        Assert.False(openRead.RequestSent);
        Assert.Equal(2, h.Emulator.Journal.Count);

        h.Time!.Advance(breakDuration + TimeSpan.FromSeconds(1));
        var result = await h.Groups.CreateAsync(new CreateRecordGroupRequest("recovered"), cancellationToken: Token);
        await h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("closed again"), cancellationToken: Token);

        Assert.Equal(result.Id, Assert.Single(h.Emulator.RecordGroups).Id);
        Assert.Equal(4, h.Emulator.Journal.Count);
    }

    [Theory]
    [InlineData(302, EnswitchRequestMethod.Post)]
    [InlineData(307, EnswitchRequestMethod.Post)]
    [InlineData(307, EnswitchRequestMethod.Get)]
    public async Task T17_RedirectToAnotherLoopbackHost_IsNotFollowed_TypedError(int status, EnswitchRequestMethod method)
    {
        // Over sockets this row shows that the SDK's handler chain does not follow the 3xx to the other emulator. In memory
        // no handler could follow it: the emulator's handler never follows a redirect and reaches only its own emulator
        // (the other's address fails as a name that does not resolve: InMemoryEmulatorTests), so there the row shows the
        // SDK's own answer to a 3xx, a typed error after one attempt with nothing stored. A primary handler of the
        // application's own that would follow it is PrimaryHandlerChainTests'.
        await using var other = await SdkHarness.StartEmulatorAsync(Form);
        await using var h = await StartAsync(o => o.RequestMethod = method);
        Assert.NotEqual(other.BaseAddress, h.Emulator.BaseAddress);
        var location = new Uri(other.BaseAddress, "api/json/" + Create + "/").AbsoluteUri;
        h.Emulator.InjectFault(Create, EmulatorFault.Raw(status, string.Empty, headers: new Dictionary<string, string> { ["Location"] = location }), count: 5);

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(1, error.Attempts);
        Assert.Single(h.Emulator.RequestsTo(Create));
        Assert.Empty(other.Journal);
        Assert.Empty(other.RecordGroups);
        Assert.Empty(h.Emulator.RecordGroups);
    }
}

/// <summary>The transport rows, with the client built by <c>AddEnswitchClient</c>.</summary>
public sealed class TransportFaultTestsWithDependencyInjection() : TransportFaultTests(ClientConstruction.DependencyInjection);

/// <summary>The transport rows, with the client built by <c>EnswitchClient.Create</c>.</summary>
public sealed class TransportFaultTestsWithCreate() : TransportFaultTests(ClientConstruction.Create);

/// <summary>The transport rows with the emulator in memory, the client built by <c>AddEnswitchClient</c> on its handler.</summary>
public sealed class TransportFaultTestsInMemoryWithDependencyInjection() : TransportFaultTests(ClientConstruction.DependencyInjection, EmulatorForm.InMemory);

/// <summary>The transport rows with the emulator in memory, the client built by <c>EnswitchClient.Create</c> on its handler.</summary>
public sealed class TransportFaultTestsInMemoryWithCreate() : TransportFaultTests(ClientConstruction.Create, EmulatorForm.InMemory);
