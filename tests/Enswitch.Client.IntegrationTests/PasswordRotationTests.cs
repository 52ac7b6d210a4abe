using System.Collections.Concurrent;
using Enswitch.Client.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// A password rotated through configuration while calls run, over loopback against the emulator: the client an
/// application resolved once follows the change, with no restart, and no call that starts after the change has
/// landed fails because of it.
/// </summary>
public class PasswordRotationTests
{
    private const int Workers = 4;
    private const int CallsBefore = 5;
    private const int CallsAfter = 20;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APasswordRotatedThroughConfiguration_WhileCallsRun_FailsNoCallThatStartsAfterTheChangeLands()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        var (before, after) = ($"first-{Guid.NewGuid():N}", $"second-{Guid.NewGuid():N}");
        var user = new EmulatedUser("rotator", before, EnswitchRoles.All, emulator.Options.DefaultCustomerId) { HasEveryPrivilege = true };
        emulator.AddUser(user);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Enswitch:BaseAddress"] = emulator.BaseAddress.ToString(),
            ["Enswitch:Username"] = user.Username,
            ["Enswitch:Password"] = before,
            // One attempt per call, so that each call is one request in the journal whatever the machine's load.
            ["Enswitch:MaxRetries"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddEnswitchClient(configuration.GetSection("Enswitch"));
        await using var provider = services.BuildServiceProvider();
        // Resolved once and kept, as a singleton service of the application would keep it.
        var enswitch = provider.GetRequiredService<IEnswitchClient>();

        var landed = 0;
        var outcomes = new ConcurrentBag<(bool StartedAfterTheChange, Exception? Failure)>();
        var warmedUp = Enumerable.Range(0, Workers).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(
            async () =>
            {
                var (calls, callsAfter) = (0, 0);
                while (callsAfter < CallsAfter)
                {
                    var startedAfter = Volatile.Read(ref landed) == 1;
                    try
                    {
                        await enswitch.CallAsync("cdrs/list", [new("limit", "5")], cancellationToken: Token);
                        outcomes.Add((startedAfter, null));
                    }
                    catch (EnswitchException failure)
                    {
                        outcomes.Add((startedAfter, failure));
                    }

                    callsAfter += startedAfter ? 1 : 0;
                    if (++calls == CallsBefore)
                    {
                        warmedUp[w].SetResult();
                    }
                }
            },
            Token)).ToArray();

        await Task.WhenAll(warmedUp.Select(t => t.Task)).WaitAsync(Token);
        // The administrator changes the password on the server, then in the configuration, which reloads.
        emulator.AddUser(user with { Password = after });
        configuration["Enswitch:Password"] = after;
        configuration.Reload();
        Volatile.Write(ref landed, 1);
        await Task.WhenAll(workers).WaitAsync(Token);

        var afterTheChange = outcomes.Where(o => o.StartedAfterTheChange).ToList();
        Assert.True(afterTheChange.Count >= Workers * CallsAfter);
        Assert.All(afterTheChange, o => Assert.Null(o.Failure));
        // Between the server's change and the configuration's, the old password is refused: that, and nothing else.
        Assert.All(outcomes.Where(o => o.Failure is not null), o => Assert.IsType<AuthenticationException>(o.Failure));
        var journal = emulator.Journal.Where(r => r.Function == "cdrs/list").ToList();
        Assert.Equal(outcomes.Count, journal.Count);

        var logs = provider.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, r => r.Id.Id == 8);
        Assert.All(logs, r => Assert.DoesNotContain(before, r.Message, StringComparison.Ordinal));
        Assert.All(logs, r => Assert.DoesNotContain(after, r.Message, StringComparison.Ordinal));
        Assert.All(outcomes.Where(o => o.Failure is not null), o => Assert.DoesNotContain(before, o.Failure!.ToString(), StringComparison.Ordinal));
    }
}
