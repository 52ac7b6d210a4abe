using Enswitch.Client.Recording;
using Enswitch.Client.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// Thousands of creates through the SDK from 32 concurrent callers, against faults the emulator picks at
/// random (seeded) for each request, some of them after applying the create. Then the server's state is
/// the judge: every create it applied was reported as a success with the stored id, or as a failure with
/// <see cref="EnswitchException.OutcomeUnknown"/> set; none was applied twice; no failure that said
/// "not applied" was applied.
/// </summary>
/// <remarks>
/// The fault sequence is seeded, but which request draws which fault depends on how 32 callers interleave,
/// and the SDK's timeouts run on the real clock, because this is the one test about real concurrency over real
/// sockets. Neither affects what is asserted: the invariants hold for every interleaving, and nothing is
/// asserted about time.
/// </remarks>
public class ChaosTests
{
    private const string Create = "recording/groups/create";
    private const int Seed = 20250611;
    private const int Creates = 2400;
    private const int Callers = 32;

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(250);

    // Past the attempt timeout: the client gives up, and the create is applied afterwards.
    private static readonly TimeSpan LateApply = TimeSpan.FromMilliseconds(400);

    private static readonly EmulatorFault[] Faults =
    [
        EmulatorFault.CloseBeforeRequest,
        EmulatorFault.CloseAfterRequest.AfterApplying(),
        EmulatorFault.Raw(503, "<html><body>Service unavailable</body></html>"),
        EmulatorFault.Raw(200, "<html><body>Internal error</body></html>").AfterApplying(),
        EmulatorFault.DelayThenApply(LateApply),
        EmulatorFault.Envelope("""{"responses":[{"code":"400","key":"name","message":"Invalid name"}]}"""),
    ];

    [Fact]
    public async Task RandomFaults_ThousandsOfCreates_EveryAppliedCreateIsASuccessOrOutcomeUnknown_NoneTwice()
    {
        await using var h = await SdkHarness.StartAsync(o =>
        {
            o.AttemptTimeout = AttemptTimeout;
            o.TotalTimeout = TimeSpan.FromSeconds(5);
            o.MaxRetries = 2;
            o.RetryDelay = TimeSpan.FromMilliseconds(1);
            o.CircuitBreakerEnabled = false;
        });
        var random = new Random(Seed);
        h.Emulator.SetFaultSelector(function =>
        {
            if (function != Create)
            {
                return null;
            }

            lock (random)
            {
                // About 55% served normally; the rest spread evenly over the faults.
                var roll = random.Next(100);
                return roll < 55 ? null : Faults[(roll - 55) * Faults.Length / 45];
            }
        });

        var outcomes = new Outcome[Creates];
        var next = -1;
        var callers = Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < Creates; i = Interlocked.Increment(ref next))
            {
                outcomes[i] = await CreateAsync(h.Groups, Name(i));
            }
        }, SdkHarness.Token));
        await Task.WhenAll(callers);

        // A create delayed past the attempt timeout is applied after its caller gave up: read the state
        // only once the emulator has finished every request (bounded, in case one never ends).
        await h.Emulator.WaitForIdleAsync(SdkHarness.Token).WaitAsync(TimeSpan.FromMinutes(2), SdkHarness.Token);
        h.Emulator.SetFaultSelector(null);

        var stored = h.Emulator.RecordGroups.GroupBy(g => g.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var faultedAndApplied = h.Emulator.RequestsTo(Create)
            .Where(r => r.Fault is not null && r["name"] is { } name && stored.ContainsKey(name))
            .Select(r => r["name"]!)
            .ToHashSet(StringComparer.Ordinal);
        var duplicates = stored.Where(s => s.Value.Count > 1).Select(s => s.Key).ToList();
        var falseOutcomes = new List<string>();
        var successes = 0;
        var unknown = 0;
        var known = 0;
        for (var i = 0; i < Creates; i++)
        {
            var name = Name(i);
            var outcome = outcomes[i];
            var applied = stored.TryGetValue(name, out var groups);
            switch (outcome)
            {
                case { Id: { } id }:
                    successes++;
                    if (!applied || groups![0].Id != id)
                    {
                        falseOutcomes.Add($"{name}: success with id {id}, server has {(applied ? string.Join(", ", groups!.Select(g => g.Id)) : "nothing")}");
                    }

                    break;
                case { Error: { OutcomeUnknown: true } }:
                    unknown++;
                    break;
                case { Error: { } error }:
                    known++;
                    if (applied)
                    {
                        falseOutcomes.Add($"{name}: applied as id {groups![0].Id}, but reported as not applied: {error.GetType().Name} {error.Message}");
                    }

                    break;
            }
        }

        var summary = $"chaos seed {Seed}: creates {Creates}, applied {stored.Count}, successes {successes}, OutcomeUnknown true {unknown}, OutcomeUnknown false {known}, " +
            $"applied despite a fault {faultedAndApplied.Count}, requests {h.Emulator.RequestsTo(Create).Count}, duplicates {duplicates.Count}, false outcomes {falseOutcomes.Count}";
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Console.WriteLine(summary);

        Assert.Empty(duplicates);
        Assert.Empty(falseOutcomes);
        Assert.Equal(Creates, successes + unknown + known);

        // The run exercised what it is about: creates applied behind a fault, and failures both ways.
        Assert.Contains(faultedAndApplied, name => outcomes[Index(name)].Error is { OutcomeUnknown: true });
        Assert.True(known > 0, "no failure reported a create as not applied");
        Assert.True(successes > 0, "no create succeeded");
    }

    private static string Name(int index) => $"chaos-{index:D5}";

    private static int Index(string name) => int.Parse(name["chaos-".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<Outcome> CreateAsync(IRecordGroupsClient groups, string name)
    {
        try
        {
            var result = await groups.CreateAsync(new CreateRecordGroupRequest(name), cancellationToken: SdkHarness.Token);
            return new Outcome(result.Id, null);
        }
        catch (EnswitchException error)
        {
            return new Outcome(null, error);
        }
    }

    /// <summary>What one create reported: the id of a success, or the SDK's exception.</summary>
    private sealed record Outcome(long? Id, EnswitchException? Error);
}
