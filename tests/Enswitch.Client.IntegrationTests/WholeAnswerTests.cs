using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The raw call that returns the whole answer, and per-call options, over loopback against the emulator: what an
/// application sees of a real HTTP response.
/// </summary>
public class WholeAnswerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACreate_AnswersItsStatusHeadersEntriesAndData()
    {
        await using var h = await SdkHarness.StartAsync();
        var enswitch = h.Services.GetRequiredService<IEnswitchClient>();

        var answer = await enswitch.CallWithResponseAsync("customers/create", [new("name", "Acme"), new("plan", "7"), new("email", "billing@acme.example")], cancellationToken: Token);

        Assert.Equal(200, answer.HttpStatus);
        Assert.Equal(200, answer.Code);
        Assert.StartsWith("application/json", Assert.Single(answer.Headers["content-type"]), StringComparison.Ordinal);
        Assert.True(answer.Data!.Value.GetProperty("id").GetInt64() > 0);
        Assert.Single(h.Emulator.Journal, r => r.Function == "customers/create");
    }

    [Fact]
    public async Task PerCallOptions_ReachTheWire_ForThatCallOnly()
    {
        // A client cap too small for the answer of a list, raised for one call.
        await using var h = await SdkHarness.StartAsync(o => o.MaxResponseBytes = 1024);
        var enswitch = h.Services.GetRequiredService<IEnswitchClient>();
        for (var i = 0; i < 30; i++)
        {
            await enswitch.CallAsync("customers/create", [new("name", $"Customer number {i} with a longer name"), new("plan", "7"), new("email", "billing@acme.example")], cancellationToken: Token);
        }

        var rows = await enswitch.CallWithResponseAsync("customers/list", [], options: new EnswitchRequestOptions { MaxResponseBytes = 1024 * 1024 }, cancellationToken: Token);
        var refused = await Assert.ThrowsAsync<EnswitchProtocolException>(() => enswitch.CallAsync("customers/list", [], cancellationToken: Token));

        Assert.True(rows.Data!.Value.GetArrayLength() >= 30);
        Assert.Contains("MaxResponseBytes (1024 bytes)", refused.Message, StringComparison.Ordinal);
    }
}
