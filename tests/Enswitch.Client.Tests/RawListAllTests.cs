using System.Text.Json;

namespace Enswitch.Client.Tests;

/// <summary>
/// <see cref="IEnswitchClient.ListAllAsync"/>, the raw paging by function name: the same paging as the typed
/// <c>ListAllAsync</c>, with the caller's offset and limit read rather than sent, and refusals before anything is sent.
/// </summary>
public class RawListAllTests
{
    [Fact]
    public async Task PagesByName_FromTheCallersOffset_KeepingTheFilters()
    {
        using var harness = ClientHarness.Direct().Replies(
            Reply.Json(Envelope.WithData("""[{"id":1},{"id":2}]""")),
            Reply.Json(Envelope.WithData("""[{"id":3}]""")));

        var rows = await ToListAsync(harness.Enswitch.ListAllAsync("cdrs/list", [new("customer", "9"), new("offset", "10")], pageSize: 2, cancellationToken: ClientHarness.Token));

        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.GetProperty("id").GetInt64()));
        var windows = harness.Received.Select(r => string.Join(";", WireForm.ParametersOf(r).Where(p => p.Key is "customer" or "limit" or "offset").Select(p => p.Key + "=" + p.Value)));
        Assert.Equal(["customer=9;limit=2;offset=10", "customer=9;limit=2;offset=12"], windows);
    }

    [Fact]
    public async Task ALimit_CapsTheRowsInAll()
    {
        using var harness = ClientHarness.Direct().Replies(
            Reply.Json(Envelope.WithData("""[{"id":1},{"id":2}]""")),
            Reply.Json(Envelope.WithData("""[{"id":3}]""")));

        var rows = await ToListAsync(harness.Enswitch.ListAllAsync("cdrs/list", [new("limit", "3")], pageSize: 2, cancellationToken: ClientHarness.Token));

        Assert.Equal(3, rows.Count);
        Assert.Equal("1", WireForm.ParametersOf(harness.Received[1]).Single(p => p.Key == "limit").Value);
    }

    [Theory]
    [InlineData("recording/groups/create")]
    [InlineData("customers/get")]
    [InlineData("custom/unknown/list")]
    public void AFunctionThatIsNotACataloguedPagedList_IsRefusedBeforeSending(string function)
    {
        using var harness = ClientHarness.Direct();

        var error = Assert.Throws<ArgumentException>(() => harness.Enswitch.ListAllAsync(function, [], cancellationToken: ClientHarness.Token));

        Assert.Equal("functionName", error.ParamName);
        Assert.Empty(harness.Received);
    }

    [Theory]
    [InlineData("offset", "ten")]
    [InlineData("limit", "1.5")]
    public void AnOffsetOrLimitThatIsNotAWholeNumber_IsRefusedBeforeSending(string name, string value)
    {
        using var harness = ClientHarness.Direct();

        Assert.Throws<ArgumentException>(() => harness.Enswitch.ListAllAsync("cdrs/list", [new(name, value)], cancellationToken: ClientHarness.Token));
        Assert.Empty(harness.Received);
    }

    [Fact]
    public void ACredential_IsRefusedBeforeSending()
    {
        using var harness = ClientHarness.Direct();

        Assert.Throws<ArgumentException>(() => harness.Enswitch.ListAllAsync("cdrs/list", [new("auth_password", "x")], cancellationToken: ClientHarness.Token));
        Assert.Empty(harness.Received);
    }

    [Fact]
    public async Task APageWhoseDataIsNotAnArray_IsAProtocolError()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.WithData("""{"id":1}""")));

        await Assert.ThrowsAsync<EnswitchProtocolException>(() => ToListAsync(harness.Enswitch.ListAllAsync("cdrs/list", [], cancellationToken: ClientHarness.Token)));
    }

    private static async Task<List<JsonElement>> ToListAsync(IAsyncEnumerable<JsonElement> rows)
    {
        var list = new List<JsonElement>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }
}
