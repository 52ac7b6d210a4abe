using System.Net;
using Enswitch.Client.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The emulator's fault machinery on its own, with a plain HttpClient on the emulator's handler, over loopback and in
/// memory: the per-request fault selector, faults that apply the function before (or long after) misbehaving, closing
/// before the request is read, and delays on the emulator's clock.
/// </summary>
public abstract class EmulatorFaultTests(EmulatorForm form) : OnBothEmulatorForms(form)
{
    private const string Create = "recording/groups/create";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostCreateAsync(HttpClient http, EnswitchEmulator emulator, string name, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(
        [
            new("auth_username", EnswitchEmulator.DefaultUsername),
            new("auth_password", EnswitchEmulator.DefaultPassword),
            new("name", name),
        ]);
        return await http.PostAsync(new Uri(emulator.BaseAddress, $"api/json/{Create}/"), content, cancellationToken);
    }

    private static IReadOnlyList<string> StoredNames(EnswitchEmulator emulator) => [.. emulator.RecordGroups.Select(g => g.Name)];

    [Fact]
    public async Task Selector_ChoosesAFaultPerRequest_AfterTheInjectedOnes_AndNullRemovesIt()
    {
        await using var emulator = await StartEmulatorAsync();
        using var http = new HttpClient(emulator.CreateHandler());
        var asked = new List<string>();
        emulator.SetFaultSelector(function =>
        {
            lock (asked)
            {
                asked.Add(function);
            }

            return EmulatorFault.Raw(503, "busy");
        });
        emulator.InjectFault(Create, EmulatorFault.Raw(502, "proxy"));

        using var injected = await PostCreateAsync(http, emulator, "a", Token);
        using var selected = await PostCreateAsync(http, emulator, "b", Token);
        emulator.SetFaultSelector(null);
        using var normal = await PostCreateAsync(http, emulator, "c", Token);

        Assert.Equal(HttpStatusCode.BadGateway, injected.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, selected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, normal.StatusCode);
        Assert.Equal([Create], asked);
        Assert.Equal(["raw HTTP 502", "raw HTTP 503", null], emulator.RequestsTo(Create).Select(r => r.Fault));
        Assert.Equal(["c"], StoredNames(emulator));
    }

    [Fact]
    public async Task Selector_ThirtyTwoConcurrentCallers_EachRequestAsksOnce_AndGetsItsOwnFault()
    {
        await using var emulator = await StartEmulatorAsync();
        using var http = new HttpClient(emulator.CreateHandler());
        var random = new Random(20240611);
        var asked = 0;
        emulator.SetFaultSelector(_ =>
        {
            Interlocked.Increment(ref asked);
            lock (random)
            {
                return random.Next(2) == 0 ? EmulatorFault.Raw(503, "busy") : null;
            }
        });

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, 32).Select(async i =>
        {
            await gate.Task;
            using var response = await PostCreateAsync(http, emulator, $"g{i}", Token);
            return (Name: $"g{i}", response.StatusCode);
        }).ToArray();
        gate.SetResult();
        var answered = await Task.WhenAll(calls);

        Assert.Equal(32, Volatile.Read(ref asked));
        Assert.Equal(32, emulator.RequestsTo(Create).Count);
        Assert.Equal(
            answered.Where(s => s.StatusCode == HttpStatusCode.OK).Select(s => s.Name).Order(StringComparer.Ordinal),
            StoredNames(emulator).Order(StringComparer.Ordinal));
        Assert.Equal(answered.Count(s => s.StatusCode == HttpStatusCode.ServiceUnavailable), emulator.RequestsTo(Create).Count(r => r.Fault is not null));
    }

    public static TheoryData<string, bool> ReplacingFaults => new()
    {
        { "close", false },
        { "close", true },
        { "html200", false },
        { "html200", true },
        { "503", false },
        { "503", true },
    };

    private static EmulatorFault Replacing(string name) => name switch
    {
        "close" => EmulatorFault.CloseAfterRequest,
        "html200" => EmulatorFault.Raw(200, "<html><body>Internal error</body></html>"),
        _ => EmulatorFault.Raw(503, "<html><body>Service unavailable</body></html>"),
    };

    [Theory]
    [MemberData(nameof(ReplacingFaults))]
    public async Task ReplacingFault_AppliesTheCreate_OnlyWhenMadeToApplyFirst(string name, bool afterApplying)
    {
        await using var emulator = await StartEmulatorAsync();
        using var http = new HttpClient(emulator.CreateHandler());
        var fault = afterApplying ? Replacing(name).AfterApplying() : Replacing(name);
        emulator.InjectFault(Create, fault);

        if (name == "close")
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => PostCreateAsync(http, emulator, "g", Token));
        }
        else
        {
            using var response = await PostCreateAsync(http, emulator, "g", Token);
            Assert.Equal(name == "html200" ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.StartsWith("<html>", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        await emulator.WaitForIdleAsync(Token);
        Assert.Equal(afterApplying ? ["g"] : [], StoredNames(emulator));
        Assert.Equal(afterApplying, fault.AppliesFirst);
        var journaled = Assert.Single(emulator.RequestsTo(Create));
        Assert.Equal(afterApplying, journaled.Fault!.EndsWith(", after applying", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HangAfterApplying_StoresTheCreate_AndHangsUntilTheClientGoesAway()
    {
        await using var emulator = await StartEmulatorAsync();
        using var http = new HttpClient(emulator.CreateHandler());
        emulator.InjectFault(Create, EmulatorFault.Hang.AfterApplying());
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var call = PostCreateAsync(http, emulator, "g", cancel.Token);
        await emulator.WaitForRequestAsync(Create, cancellationToken: Token);
        Assert.False(call.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await emulator.WaitForIdleAsync(Token);

        Assert.Equal(["g"], StoredNames(emulator));
        Assert.Equal("hang, after applying", Assert.Single(emulator.RequestsTo(Create)).Fault);
    }

    [Fact]
    public void AfterApplying_IsRefused_ForFaultsThatCannotApplyFirst()
    {
        Assert.Throws<InvalidOperationException>(() => EmulatorFault.CloseBeforeRequest.AfterApplying());
        Assert.Throws<InvalidOperationException>(() => EmulatorFault.DelayThenApply(TimeSpan.FromSeconds(1)).AfterApplying());
        var once = EmulatorFault.StallBody.AfterApplying();
        Assert.Same(once, once.AfterApplying());
        Assert.False(EmulatorFault.StallBody.AppliesFirst);
    }

    [Fact]
    public async Task CloseBeforeRequest_ClosesWithoutReadingTheRequest_NothingApplied()
    {
        await using var emulator = await StartEmulatorAsync();
        using var http = new HttpClient(emulator.CreateHandler());
        emulator.InjectFault(Create, EmulatorFault.CloseBeforeRequest);

        await Assert.ThrowsAsync<HttpRequestException>(() => PostCreateAsync(http, emulator, "g", Token));
        await emulator.WaitForIdleAsync(Token);

        Assert.Empty(emulator.RecordGroups);
        var journaled = Assert.Single(emulator.RequestsTo(Create));
        Assert.Equal("close before request", journaled.Fault);
        Assert.Empty(journaled.Parameters);
    }

    [Fact]
    public async Task Delay_RunsOnTheEmulatorClock_ArmedBeforeTheRequestIsJournaled()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var delay = TimeSpan.FromSeconds(30);
        await using var emulator = await StartEmulatorAsync(new EnswitchEmulatorOptions { TimeProvider = clock });
        using var http = new HttpClient(emulator.CreateHandler());
        emulator.InjectFault(Create, EmulatorFault.Delay(delay));

        var call = PostCreateAsync(http, emulator, "g", Token);
        await emulator.WaitForRequestAsync(Create, cancellationToken: Token);
        clock.Advance(delay - TimeSpan.FromTicks(1));
        Assert.False(call.IsCompleted);
        Assert.Equal(1, emulator.RequestsInProgress);
        clock.Advance(TimeSpan.FromTicks(1));
        using var response = await call;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["g"], StoredNames(emulator));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClientGoesAwayDuringADelay_OnlyDelayThenApply_StoresTheCreate_AfterTheDelay(bool thenApply)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var delay = TimeSpan.FromSeconds(30);
        await using var emulator = await StartEmulatorAsync(new EnswitchEmulatorOptions { TimeProvider = clock });
        using var http = new HttpClient(emulator.CreateHandler());
        var fault = thenApply ? EmulatorFault.DelayThenApply(delay) : EmulatorFault.Delay(delay);
        emulator.InjectFault(Create, fault);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var call = PostCreateAsync(http, emulator, "g", cancel.Token);
        await emulator.WaitForRequestAsync(Create, cancellationToken: Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        if (thenApply)
        {
            // The client has gone; the delay has not ended, so nothing is stored yet and the request is still in progress.
            Assert.Equal(1, emulator.RequestsInProgress);
            Assert.Empty(emulator.RecordGroups);
        }
        else
        {
            // The client going away ends a plain delay: the request finishes without the clock moving.
            await emulator.WaitForIdleAsync(Token);
        }

        clock.Advance(delay);
        await emulator.WaitForIdleAsync(Token);

        Assert.Equal(0, emulator.RequestsInProgress);
        Assert.Equal(thenApply ? ["g"] : [], StoredNames(emulator));
        Assert.Equal(fault.Description, Assert.Single(emulator.RequestsTo(Create)).Fault);
        Assert.Equal(thenApply, fault.OutlivesClient);
    }
}

/// <summary>The fault machinery of the emulator on a socket.</summary>
public sealed class EmulatorFaultTestsOverSockets() : EmulatorFaultTests(EmulatorForm.Socket);

/// <summary>The fault machinery of the emulator in memory.</summary>
public sealed class EmulatorFaultTestsInMemory() : EmulatorFaultTests(EmulatorForm.InMemory);
