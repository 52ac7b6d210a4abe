using System.Text;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The H rows of faults.md: HTTP-level faults (proxy pages, statuses, Retry-After, broken and huge
/// bodies) served by the emulator over real loopback sockets, and again in memory. The class measures process memory
/// (H12), so it runs alone.
/// </summary>
[Collection(nameof(HttpFaultTests))]
public abstract class HttpFaultTests(ClientConstruction construction, EmulatorForm form = EmulatorForm.Socket) : OnBothConstructionPaths(construction, form)
{
    private const string Create = "recording/groups/create";
    private const int MaxRetries = EnswitchClientOptions.DefaultMaxRetries;
    private const int AllAttempts = 1 + MaxRetries;
    private const int RetryScheduledEvent = 3;

    // Four times the default cap of 4 MiB (H12).
    private const long MaxAllocatedBytes = 16L * 1024 * 1024;

    // A password whose raw, percent-encoded and form-encoded spellings all differ (H2).
    private const string Secret = "H2 s3cr&t;pw=é%";

    // Far more than any retry can take: a test that would otherwise hang fails instead.
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task H1_HtmlProxyPage502_IsProtocolErrorWithShortSnippet_ReadRetried_CreateOutcomeUnknown(bool create)
    {
        await using var h = await StartAsync();
        var page = ProxyPage("502 Bad Gateway");
        h.Emulator.InjectFault(Create, EmulatorFault.Raw(502, page, "text/html"), count: AllAttempts);

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => CallAsync(h, create));

        Assert.Equal(502, error.HttpStatus);
        Assert.Equal(Create, error.Function);
        Assert.StartsWith("<html>", error.BodySnippet, StringComparison.Ordinal);
        Assert.Contains("502 Bad Gateway", error.BodySnippet, StringComparison.Ordinal);
        Assert.InRange(error.BodySnippet.Length, 1, 301);
        Assert.DoesNotContain('\n', error.BodySnippet);
        Assert.DoesNotContain('\r', error.BodySnippet);
        Assert.InRange(error.Message.Length, 1, 2000);
        AssertCreateSentOnceOrReadRetried(h, error, create, checkRetryLog: true);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(200)]
    public async Task H2_ErrorPageEchoingThePassword_SnippetHasThePasswordRemoved(int status)
    {
        await using var h = await StartAsync(o => o.Password = Secret);
        var escaped = Uri.EscapeDataString(Secret);
        var formEncoded = escaped.Replace("%20", "+", StringComparison.Ordinal);
        var page =
            "<html><head><title>Error</title></head><body><h1>Request rejected</h1><pre>\n" +
            $"POST /api/json/recording/groups/create/ auth_username=admin&auth_password={formEncoded}&name=Support+line\n" +
            $"query: auth_password={escaped.ToLowerInvariant()}\n" +
            $"decoded password: {Secret}\n" +
            $"escaped password: {escaped}\n" +
            "</pre></body></html>";
        h.Emulator.InjectFault(Create, EmulatorFault.Raw(status, page, "text/html"), count: 2);

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => CallAsync(h, create: true));

        Assert.Equal(status, error.HttpStatus);
        Assert.Contains("auth_username=admin", error.BodySnippet, StringComparison.Ordinal);
        Assert.Contains("***", error.BodySnippet, StringComparison.Ordinal);
        string[] forms = [Secret, escaped, formEncoded, escaped.ToLowerInvariant()];
        foreach (var text in new[] { error.BodySnippet, error.Message, error.ToString(), h.AllLogText() })
        {
            foreach (var form in forms)
            {
                Assert.DoesNotContain(form, text, StringComparison.OrdinalIgnoreCase);
            }
        }

        AssertCreateSentOnceOutcomeUnknown(h, error);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task H3_Http200WithHtmlBody_IsNeverSuccess_ProtocolError_CreateOutcomeUnknown(bool create)
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(Create, EmulatorFault.Raw(200, ProxyPage("Please sign in to the captive portal"), "text/html"), count: AllAttempts);

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => CallAsync(h, create));

        Assert.Equal(200, error.HttpStatus);
        Assert.Contains("captive portal", error.BodySnippet, StringComparison.Ordinal);

        // An HTML page on 200 comes from a proxy or portal, so a read may try again (design.md section 4).
        AssertCreateSentOnceOrReadRetried(h, error, create);
    }

    [Fact]
    public async Task H4_Read503WithRetryAfter2_WaitsTwoSecondsBeforeEachRetry()
    {
        var clock = new TimerWatchingClock();
        await using var h = await StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        h.Emulator.InjectFault(Create, ServiceUnavailable("2"), count: AllAttempts);
        var started = clock.GetUtcNow();

        var call = h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("Support line"), cancellationToken: SdkHarness.Token);
        for (var retry = 1; retry <= MaxRetries; retry++)
        {
            await h.Signal.WaitAsync(RetryScheduledEvent, retry);
            Assert.Contains("retrying in 2000 ms", h.Signal.Messages(RetryScheduledEvent)[retry - 1], StringComparison.Ordinal);

            // The SDK's delay timer is armed for exactly Retry-After; nothing is sent until it fires.
            await clock.WaitForTimerAsync(TimeSpan.FromSeconds(2), retry);
            Assert.Equal(retry, h.Emulator.RequestsTo(Create).Count);
            clock.Advance(TimeSpan.FromSeconds(2));
            await h.Emulator.WaitForRequestAsync(Create, retry + 1, SdkHarness.Token);
        }

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => call.WaitAsync(Guard, SdkHarness.Token));
        Assert.Equal(503, error.HttpStatus);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(AllAttempts, error.Attempts);
        Assert.Equal(AllAttempts, h.Emulator.RequestsTo(Create).Count);
        Assert.Equal(TimeSpan.FromSeconds(2 * MaxRetries), clock.GetUtcNow() - started);
        Assert.Empty(h.Emulator.RecordGroups);
    }

    [Fact]
    public async Task H4_Create503WithRetryAfter2_IsNotRetried_OutcomeUnknown()
    {
        await using var h = await StartAsync(fakeTime: true);
        h.Emulator.InjectFault(Create, ServiceUnavailable("2"), count: 2);

        // On the fake clock a scheduled retry would never run, so the call must end by itself.
        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(
            () => h.Groups.CreateAsync(new CreateRecordGroupRequest("Support line"), cancellationToken: SdkHarness.Token).WaitAsync(Guard, SdkHarness.Token));

        Assert.Equal(503, error.HttpStatus);
        AssertCreateSentOnceOutcomeUnknown(h, error);
        Assert.Empty(h.Signal.Messages(RetryScheduledEvent));
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task H5_RetryAfter3600_FailsFastExposingTheDelay(int status)
    {
        await using var h = await StartAsync(fakeTime: true);
        h.Emulator.InjectFault(Create, EmulatorFault.Raw(status, "Come back later", "text/plain", RetryAfter("3600")), count: AllAttempts);
        var before = h.Time!.GetUtcNow();

        // The fake clock is never advanced: an hour-long (or any) sleep would never end.
        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(
            () => h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("Support line"), cancellationToken: SdkHarness.Token).WaitAsync(Guard, SdkHarness.Token));

        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(1, error.Attempts);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(before, h.Time.GetUtcNow());
        Assert.Single(h.Emulator.RequestsTo(Create));
        Assert.Empty(h.Signal.Messages(RetryScheduledEvent));
    }

    [Fact]
    public async Task H7_429OnCreate_IsNotRetried_OutcomeUnknown()
    {
        await using var h = await StartAsync(fakeTime: true);
        h.Emulator.InjectFault(Create, EmulatorFault.Raw(429, "Too Many Requests", "text/plain", RetryAfter("1")), count: 2);

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(
            () => h.Groups.CreateAsync(new CreateRecordGroupRequest("Support line"), cancellationToken: SdkHarness.Token).WaitAsync(Guard, SdkHarness.Token));

        Assert.Equal(429, error.HttpStatus);
        AssertCreateSentOnceOutcomeUnknown(h, error);
        Assert.Empty(h.Signal.Messages(RetryScheduledEvent));
    }

    [Theory]
    [InlineData(501, true)]
    [InlineData(501, false)]
    [InlineData(505, true)]
    [InlineData(505, false)]
    public async Task H8_501And505_AreNeverRetried(int status, bool create)
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(Create, EmulatorFault.Raw(status, "Not supported here", "text/plain"), count: AllAttempts);

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => CallAsync(h, create));

        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(create, error.OutcomeUnknown);
        Assert.Single(h.Emulator.RequestsTo(Create));
        Assert.Empty(h.Emulator.RecordGroups);
        Assert.Empty(h.Signal.Messages(RetryScheduledEvent));
    }

    [Fact]
    public async Task H9_Http200EmptyBody_IsProtocolError_CreateOutcomeUnknown()
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(Create, EmulatorFault.Raw(200, string.Empty, "application/json"), count: 2);

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => CallAsync(h, create: true));

        Assert.Equal(200, error.HttpStatus);
        Assert.Equal(string.Empty, error.BodySnippet);
        AssertCreateSentOnceOutcomeUnknown(h, error);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task H10_ContentLength100ButOnly50BytesThenClose_IsTypedError_CreateOutcomeUnknown(bool create)
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(Create, EmulatorFault.ResetMidBody(declaredLength: 100, sentLength: 50), count: AllAttempts);

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => CallAsync(h, create));

        Assert.True(error.RequestSent);
        Assert.Equal(200, error.HttpStatus);
        AssertCreateSentOnceOrReadRetried(h, error, create);
    }

    [Fact]
    public async Task H12_50MegabyteBody_IsAbortedAtTheCap_MemoryStaysBounded()
    {
        await AssertAbortedAtTheCapAsync(EmulatorFault.OversizedBody(50L * 1024 * 1024));
    }

    [Fact]
    public async Task H12_EndlessBody_IsAbortedAtTheCap_MemoryStaysBounded()
    {
        // The emulator stops an endless body at 1 GiB; the SDK must stop long before.
        await AssertAbortedAtTheCapAsync(EmulatorFault.EndlessBody);
    }

    private async Task AssertAbortedAtTheCapAsync(EmulatorFault fault)
    {
        await using var h = await StartAsync();

        // A first call warms the connection and the code paths, so the measurement sees the body only.
        await h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("warm-up"), cancellationToken: SdkHarness.Token);
        h.Emulator.InjectFault(Create, fault, count: 2);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => CallAsync(h, create: true));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        TestContext.Current.SendDiagnosticMessage($"{fault}: {allocated} bytes allocated during the call");

        Assert.InRange(allocated, 0, MaxAllocatedBytes);
        Assert.Contains("MaxResponseBytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(200, error.HttpStatus);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(2, h.Emulator.RequestsTo(Create).Count);
        Assert.Single(h.Emulator.RequestsTo(Create), r => r.Fault is not null);
        Assert.Empty(h.Emulator.RecordGroups);
    }

    /// <summary>A create sent once and not retried: outcome unknown, nothing stored.</summary>
    private static void AssertCreateSentOnceOutcomeUnknown(SdkHarness h, EnswitchException error)
    {
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, error.Attempts);
        Assert.Single(h.Emulator.RequestsTo(Create));
        Assert.Empty(h.Emulator.RecordGroups);
    }

    /// <summary>
    /// Nothing stored; a create was sent once (outcome unknown), a read was tried on every attempt (outcome
    /// known). With <paramref name="checkRetryLog"/>, also the retries logged: none for a create, every one for a read.
    /// </summary>
    private static void AssertCreateSentOnceOrReadRetried(SdkHarness h, EnswitchException error, bool create, bool checkRetryLog = false)
    {
        Assert.Empty(h.Emulator.RecordGroups);
        if (create)
        {
            Assert.True(error.OutcomeUnknown);
            Assert.Equal(1, error.Attempts);
            Assert.Single(h.Emulator.RequestsTo(Create));
            if (checkRetryLog)
            {
                Assert.Empty(h.Signal.Messages(RetryScheduledEvent));
            }
        }
        else
        {
            Assert.False(error.OutcomeUnknown);
            Assert.Equal(AllAttempts, error.Attempts);
            Assert.Equal(AllAttempts, h.Emulator.RequestsTo(Create).Count);
            if (checkRetryLog)
            {
                Assert.Equal(MaxRetries, h.Signal.Messages(RetryScheduledEvent).Count);
            }
        }
    }

    private static Task CallAsync(SdkHarness h, bool create) =>
        create
            ? h.Groups.CreateAsync(new CreateRecordGroupRequest("Support line"), cancellationToken: SdkHarness.Token)
            : h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("Support line"), cancellationToken: SdkHarness.Token);

    private static EmulatorFault ServiceUnavailable(string retryAfter) =>
        EmulatorFault.Raw(503, "Service Unavailable", "text/plain", RetryAfter(retryAfter));

    private static Dictionary<string, string> RetryAfter(string value) => new(StringComparer.Ordinal) { ["Retry-After"] = value };

    private static string ProxyPage(string title)
    {
        var page = new StringBuilder("<html><head><title>").Append(title).Append("</title></head>\r\n<body>\n<h1>")
            .Append(title).Append("</h1>\n");
        for (var i = 0; i < 200; i++)
        {
            page.Append("<p>The upstream server did not answer in time; line ").Append(i).Append(".</p>\n");
        }

        return page.Append("</body></html>\n").ToString();
    }

    /// <summary>
    /// A fake clock that also tells when a timer is armed, so a test can advance the clock only after the
    /// SDK's retry delay exists (advancing before it is armed would make the delay start later and hang).
    /// </summary>
    private sealed class TimerWatchingClock : TimeProvider
    {
        private readonly FakeTimeProvider _fake = new(DateTimeOffset.UtcNow);
        private readonly List<TimeSpan> _armed = [];
        private readonly List<(TimeSpan Due, int Count, TaskCompletionSource Done)> _waiters = [];

        public override long TimestampFrequency => _fake.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

        public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

        public override long GetTimestamp() => _fake.GetTimestamp();

        public void Advance(TimeSpan delta) => _fake.Advance(delta);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = _fake.CreateTimer(callback, state, dueTime, period);
            lock (_armed)
            {
                _armed.Add(dueTime);
                var armed = _armed.Count(d => d == dueTime);
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (_waiters[i].Due == dueTime && armed >= _waiters[i].Count)
                    {
                        _waiters[i].Done.TrySetResult();
                        _waiters.RemoveAt(i);
                    }
                }
            }

            return timer;
        }

        /// <summary>Completes when <paramref name="count"/> timers due after <paramref name="dueTime"/> have been armed.</summary>
        public Task WaitForTimerAsync(TimeSpan dueTime, int count)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_armed)
            {
                if (_armed.Count(d => d == dueTime) >= count)
                {
                    done.SetResult();
                }
                else
                {
                    _waiters.Add((dueTime, count, done));
                }
            }

            return done.Task.WaitAsync(Guard, SdkHarness.Token);
        }
    }
}

/// <summary>Runs <see cref="HttpFaultTests"/> alone: H12 measures the process's allocations.</summary>
[CollectionDefinition(nameof(HttpFaultTests), DisableParallelization = true)]
public sealed class HttpFaultTestsRunAlone;

/// <summary>The HTTP rows, with the client built by <c>AddEnswitchClient</c>.</summary>
[Collection(nameof(HttpFaultTests))]
public sealed class HttpFaultTestsWithDependencyInjection() : HttpFaultTests(ClientConstruction.DependencyInjection);

/// <summary>The HTTP rows, with the client built by <c>EnswitchClient.Create</c>.</summary>
[Collection(nameof(HttpFaultTests))]
public sealed class HttpFaultTestsWithCreate() : HttpFaultTests(ClientConstruction.Create);

/// <summary>The HTTP rows with the emulator in memory, the client built by <c>AddEnswitchClient</c> on its handler.</summary>
[Collection(nameof(HttpFaultTests))]
public sealed class HttpFaultTestsInMemoryWithDependencyInjection() : HttpFaultTests(ClientConstruction.DependencyInjection, EmulatorForm.InMemory);

/// <summary>The HTTP rows with the emulator in memory, the client built by <c>EnswitchClient.Create</c> on its handler.</summary>
[Collection(nameof(HttpFaultTests))]
public sealed class HttpFaultTestsInMemoryWithCreate() : HttpFaultTests(ClientConstruction.Create, EmulatorForm.InMemory);
