using Enswitch.Client.Recording;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// Many calls at once through one client: every create arrives once, is stored once, and gets its own id.
/// </summary>
public class ConcurrencyTests
{
    private const string Create = "recording/groups/create";

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task TwoHundredConcurrentCreates_ThroughOneDiClient_StoreTwoHundredGroupsWithDistinctIds(EnswitchRequestMethod method)
    {
        const int count = 200;
        await using var h = await SdkHarness.StartAsync(o => o.RequestMethod = method);
        var names = Enumerable.Range(0, count).Select(i => $"concurrent {i:D3}").ToArray();

        // Every call waits at a gate, so all 200 are in flight together rather than one after another.
        var results = await h.CreateConcurrentlyAsync(names);

        // Client side: 200 results, 200 distinct ids, no retry and no failure logged.
        Assert.Equal(count, results.Select(r => r.Id).Distinct().Count());
        Assert.Empty(h.Signal.Messages(3));
        Assert.Empty(h.Signal.Messages(4));

        // Server side: exactly 200 creates, each name once, each stored once under the id its caller got.
        var creates = h.Emulator.RequestsTo(Create);
        Assert.Equal(count, creates.Count);
        Assert.Equal(count, h.Emulator.Journal.Count);
        Assert.All(creates, r => Assert.Null(r.Fault));
        Assert.Equal(names.Order(StringComparer.Ordinal), creates.Select(r => r["name"]!).Order(StringComparer.Ordinal));
        var groups = h.Emulator.RecordGroups;
        Assert.Equal(count, groups.Count);
        Assert.Equal(results.Select(r => r.Id).Order(), groups.Select(g => g.Id).Order());
        var stored = groups.ToDictionary(g => g.Id, g => g.Name);
        Assert.All(results, r => Assert.Equal(r.Name, stored[r.Id]));
    }
}
