using System.Net.Http;
using Enswitch.Client.Cdrs;
using Enswitch.Client.Conferences;
using Enswitch.Client.Hotels;
using Enswitch.Client.Numbers;
using Enswitch.Client.Phones;
using Enswitch.Client.Plans;
using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.Tests;

/// <summary>
/// What the generated typed methods promise beyond their shape: additional parameters, paging, secrets, versions,
/// calls without credentials, lenient reading of rows, and a registration for every category interface.
/// </summary>
public class TypedCallTests
{
    [Fact]
    public async Task AdditionalParameters_AreSentAfterTheTypedOnes_InTheOrderAdded()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.WithData("[]")));
        var request = new ListCdrsRequest { Start = 10, AdditionalParameters = { { "newer_filter", "a b" }, { "zeta", "1" } } };

        await harness.Enswitch.Cdrs.ListAsync(request, cancellationToken: ClientHarness.Token);

        var sent = WireForm.ParametersOf(Assert.Single(harness.Received)).Where(p => !p.Key.StartsWith("auth_", StringComparison.Ordinal)).ToList();
        Assert.Equal([new("start", "10"), new("newer_filter", "a b"), new("zeta", "1")], sent);
    }

    [Theory]
    [InlineData("start", "a documented parameter")]
    [InlineData("auth_password", "a credential")]
    [InlineData("auth_token", "a credential")]
    [InlineData("validation", "validation, which only the Validate methods send")]
    public void AdditionalParameters_RefuseADocumentedNameOrACredential(string name, string why)
    {
        var request = new ListCdrsRequest();

        var error = Assert.Throws<ArgumentException>(() => request.AdditionalParameters.Add(name, "1"));

        Assert.True(error.Message.Contains(name, StringComparison.Ordinal), $"the refusal of {why} does not name it: {error.Message}");
        Assert.Empty(request.AdditionalParameters);
    }

    [Fact]
    public void AdditionalParameters_RefuseANameAddedTwice_AndKeepTheFirst()
    {
        var request = new ListCdrsRequest { AdditionalParameters = { { "x", "1" } } };

        Assert.Throws<ArgumentException>(() => request.AdditionalParameters.Add("x", "2"));

        Assert.Equal([new("x", "1")], request.AdditionalParameters);
    }

    [Fact]
    public void ARequiredStringParameter_CannotBeLeftOut()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new CreatePhoneRequest(null!));
        Assert.Equal("name", error.ParamName);
    }

    // The fields of an answer: a number sent as text is a number, an empty string is no value, a field the catalogue
    // does not list is kept, and a value of the wrong kind is a protocol error rather than a guess.
    [Fact]
    public async Task Rows_AcceptNumbersAsStrings_AndKeepFieldsTheCatalogueDoesNotList()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.WithData("""[{"id":"12","name":7,"parent":"","extra":{"a":1}}]""")));

        var row = Assert.Single(await harness.Enswitch.Roles.ListAsync(cancellationToken: ClientHarness.Token));

        Assert.Equal(12, row.Id);
        Assert.Equal("7", row.Name);
        Assert.Equal(["parent", "extra"], row.AdditionalFields.Keys);
        Assert.Equal(1, row.AdditionalFields["extra"].GetProperty("a").GetInt32());
    }

    [Theory]
    [InlineData("""[{"id":"twelve"}]""")]
    [InlineData("""[{"id":1.5}]""")]
    [InlineData("""[{"name":{"x":1}}]""")]
    [InlineData("""[7]""")]
    [InlineData("""{"id":1}""")]
    public async Task Rows_OfTheWrongShape_AreAProtocolError_AndAreNotRetried(string data)
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.WithData(data)));

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => harness.Enswitch.Roles.ListAsync(cancellationToken: ClientHarness.Token));

        Assert.Contains("'data'", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Received);
    }

    [Theory]
    [InlineData("""[{"id":1,"id":2}]""", "field 'id'")]
    [InlineData("""[{"id":1,"extra":1,"extra":2}]""", "repeats a property name")]
    [InlineData("""[{"id":"+12"}]""", "field 'id'")]
    [InlineData("""[{"id":"\u0031"}]""", "field 'id'")]
    public async Task Rows_ThatNameAFieldTwice_OrHideANumberInText_AreAProtocolError_J13(string data, string named)
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.WithData(data)));

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => harness.Enswitch.Roles.ListAsync(cancellationToken: ClientHarness.Token));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("Row 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_KeepTheirOwnAdditionalFields_AndARowWithoutAnyHasNone()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.WithData("""[{"id":1},{"id":2,"colour":"red"},{"name":"x","id":3}]""")));

        var rows = await harness.Enswitch.Roles.ListAsync(cancellationToken: ClientHarness.Token);

        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Id!.Value));
        Assert.Empty(rows[0].AdditionalFields);
        Assert.Equal("red", rows[1].AdditionalFields["colour"].GetString());
        Assert.Empty(rows[2].AdditionalFields);
        Assert.Equal("x", rows[2].Name);
    }

    [Fact]
    public async Task AdditionalFields_StayReadable_AfterTheCallAndTheNextOneReusedItsBuffers()
    {
        using var harness = ClientHarness.Direct().Replies(
            Reply.Json(Envelope.WithData("""[{"uniqueid":"1.1","talktime":45}]""")),
            Reply.Json(Envelope.WithData("""[{"uniqueid":"2.2","talktime":99}]""")));

        var first = Assert.Single(await harness.Enswitch.Cdrs.ListAsync(cancellationToken: ClientHarness.Token));
        var second = Assert.Single(await harness.Enswitch.Cdrs.ListAsync(cancellationToken: ClientHarness.Token));

        Assert.Equal("1.1", first.AdditionalFields["uniqueid"].GetString());
        Assert.Equal(45, first.AdditionalFields["talktime"].GetInt32());
        Assert.Equal("2.2", second.AdditionalFields["uniqueid"].GetString());
    }

    // ListAllAsync asks page after page with limit and offset, stops at a short page, and keeps the caller's filters.
    [Fact]
    public async Task ListAll_PagesWithLimitAndOffset_UntilAShortPage()
    {
        using var harness = ClientHarness.Direct().Replies(
            Reply.Json(Envelope.WithData("""[{"id":1},{"id":2}]""")),
            Reply.Json(Envelope.WithData("""[{"id":3},{"id":4}]""")),
            Reply.Json(Envelope.WithData("""[{"id":5}]""")));

        var ids = new List<long?>();
        await foreach (var row in harness.Enswitch.Cdrs.ListAllAsync(new ListCdrsRequest { Customer = "9", Offset = 10 }, pageSize: 2, cancellationToken: ClientHarness.Token))
        {
            ids.Add(row.AdditionalFields["id"].GetInt64());
        }

        Assert.Equal([1L, 2L, 3L, 4L, 5L], ids);
        var windows = harness.Received.Select(r => WireForm.ParametersOf(r).Where(p => p.Key is "customer" or "limit" or "offset").Select(p => p.Key + "=" + p.Value)).Select(p => string.Join(";", p));
        Assert.Equal(["customer=9;limit=2;offset=10", "customer=9;limit=2;offset=12", "customer=9;limit=2;offset=14"], windows);
    }

    [Fact]
    public async Task ListAll_StopsAtTheRequestsLimit()
    {
        using var harness = ClientHarness.Direct().Replies(
            Reply.Json(Envelope.WithData("""[{"id":1},{"id":2}]""")),
            Reply.Json(Envelope.WithData("""[{"id":3}]""")));

        var rows = await ToListAsync(harness.Enswitch.Cdrs.ListAllAsync(new ListCdrsRequest { Limit = 3 }, pageSize: 2, cancellationToken: ClientHarness.Token));

        Assert.Equal(3, rows.Count);
        Assert.Equal("1", WireForm.ParametersOf(harness.Received[1]).Single(p => p.Key == "limit").Value);
        Assert.Equal(2, harness.Received.Count);
    }

    // A server that ignores limit sends everything at once; asking again with an offset would repeat rows forever.
    [Fact]
    public async Task ListAll_FromAServerThatIgnoresLimit_ReturnsTheRowsOnce()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.WithData("""[{"id":1},{"id":2},{"id":3}]""")));

        var rows = await ToListAsync(harness.Enswitch.Cdrs.ListAllAsync(pageSize: 2, cancellationToken: ClientHarness.Token));

        Assert.Equal(3, rows.Count);
        Assert.Single(harness.Received);
    }

    [Fact]
    public async Task ListAll_FromAServerThatIgnoresLimitBeyondTheRequestsLimit_ReturnsNoMoreThanTheLimit()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.WithData("""[{"id":1},{"id":2},{"id":3},{"id":4}]""")));

        var rows = await ToListAsync(harness.Enswitch.Cdrs.ListAllAsync(new ListCdrsRequest { Limit = 3 }, pageSize: 2, cancellationToken: ClientHarness.Token));

        Assert.Equal(3, rows.Count);
        Assert.Single(harness.Received);
    }

    // A server that honours limit but ignores offset answers every page with the same full rows: paging must stop
    // with a clear error, not repeat rows forever.
    [Fact]
    public async Task ListAll_FromAServerThatIgnoresOffset_FailsInsteadOfRepeatingRowsForever()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.WithData("""[{"id":1},{"id":2}]""")));

        var seen = new List<long>();
        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(async () =>
        {
            await foreach (var row in harness.Enswitch.Cdrs.ListAllAsync(pageSize: 2, cancellationToken: ClientHarness.Token))
            {
                seen.Add(row.AdditionalFields["id"].GetInt64());
            }
        });

        Assert.Equal([1L, 2L], seen);
        Assert.Equal(2, harness.Received.Count);
        Assert.Contains("offset", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void ListAll_RefusesAPageSizeOutOfRange_BeforeSending(int pageSize)
    {
        using var harness = ClientHarness.Direct();

        Assert.Throws<ArgumentOutOfRangeException>(() => harness.Enswitch.Cdrs.ListAllAsync(pageSize: pageSize, cancellationToken: ClientHarness.Token));

        Assert.Empty(harness.Received);
    }

    [Fact]
    public async Task ListAll_StopsWhenCancelledBetweenPages()
    {
        using var harness = ClientHarness.Direct().Replies(
            Reply.Json(Envelope.WithData("""[{"id":1},{"id":2}]""")),
            Reply.Json(Envelope.WithData("""[{"id":3},{"id":4}]""")));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ClientHarness.Token);

        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var row in harness.Enswitch.Cdrs.ListAllAsync(pageSize: 2, cancellationToken: cancel.Token))
            {
                seen++;
                await cancel.CancelAsync();
            }
        });

        Assert.Equal(2, seen);
        Assert.Single(harness.Received);
    }

    // A secret parameter of a typed request is masked in whatever the SDK quotes, also when the server echoes it.
    [Fact]
    public async Task ASecretParameter_IsNotQuoted_WhenTheServerEchoesIt()
    {
        var password = Canary.NewPassword();
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.Code(400, "adminpin", "PIN " + password + " is too weak")));

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => harness.Enswitch.Conferences.CreateAsync(new CreateConferenceRequest("77") { AdminPin = password }, cancellationToken: ClientHarness.Token));

        Assert.Equal("adminpin", error.Key);
        Canary.AssertAbsent(password, error);
        Canary.AssertAbsent(password, harness.Logs);
    }

    // An undocumented parameter named like a secret (sent through AdditionalParameters) is masked too.
    [Fact]
    public async Task AnAdditionalParameterNamedLikeASecret_IsNotQuoted_WhenTheServerEchoesIt()
    {
        var secret = Canary.NewPassword();
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.Code(400, "sip_password", "Bad value " + secret)));

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() =>
            harness.Enswitch.Conferences.CreateAsync(new CreateConferenceRequest("77") { AdditionalParameters = { { "sip_password", secret } } }, cancellationToken: ClientHarness.Token));

        Canary.AssertAbsent(secret, error);
        Canary.AssertAbsent(secret, harness.Logs);
    }

    // A function whose answer holds secrets (phones/list with password=1 returns line passwords) quotes no part of
    // its body when the answer cannot be read.
    [Fact]
    public async Task AnAnswerThatHoldsSecrets_IsNotQuoted_WhenItCannotBeRead()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.WithData("""[{"password":"line-secret-x9"},7]""")));

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => harness.Enswitch.Phones.ListAsync(new ListPhonesRequest { Password = 1 }, cancellationToken: ClientHarness.Token));

        Assert.DoesNotContain("line-secret-x9", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("line-secret-x9", string.Join("\n", harness.Logs.GetSnapshot().Select(r => r.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFunctionTheGuideRunsWithoutAuthentication_IsSentWithoutCredentials()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.WithData("[]")));

        await harness.Enswitch.Plans.Features.ListAsync(new ListPlanFeaturesRequest(3), cancellationToken: ClientHarness.Token);

        Assert.DoesNotContain(WireForm.ParametersOf(Assert.Single(harness.Received)), p => p.Key.StartsWith("auth_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AParameterNewerThanTheServer_IsRefusedBeforeSending()
    {
        using var harness = ClientHarness.Direct(o => o.ServerVersion = new Version(3, 13));

        var error = await Assert.ThrowsAsync<EnswitchFeatureNotSupportedException>(() =>
            harness.Enswitch.Numbers.PurchaseAsync(new PurchaseNumberRequest("15550001") { InGroup = 4 }, cancellationToken: ClientHarness.Token));

        Assert.Contains("ingroup", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Received);
    }

    [Fact]
    public async Task AValidationCall_SendsValidationOne_AndAcceptsOnly201()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.Code(204)));

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => harness.Enswitch.Hotels.ValidateCreateAsync(new CreateHotelRequest(1, 2, 3, 4, 5, "192.0.2.1", "room 1"), cancellationToken: ClientHarness.Token));

        Assert.True(error.OutcomeUnknown);
        Assert.Contains(new KeyValuePair<string, string>("validation", "1"), WireForm.ParametersOf(Assert.Single(harness.Received)));
    }

    // Dependency injection registers every category interface, for the default client and for a named one.
    [Fact]
    public void EveryCategoryInterface_IsRegistered_ForTheDefaultAndANamedClient()
    {
        using var provider = new ServiceCollection().AddEnswitchClient(o => TestOptions.Apply(o, null)).Services.BuildServiceProvider();
        using var named = new ServiceCollection().AddEnswitchClient("pbx-b", o => TestOptions.Apply(o, null)).Services.BuildServiceProvider();
        var interfaces = typeof(IEnswitchClient).Assembly.GetExportedTypes()
            .Where(t => t.IsInterface && t.Name.EndsWith("Client", StringComparison.Ordinal) && t.Namespace != "Enswitch.Client")
            .ToList();

        Assert.True(interfaces.Count > 100, $"only {interfaces.Count} category interfaces");
        Assert.All(interfaces, type =>
        {
            Assert.NotNull(provider.GetRequiredService(type));
            Assert.NotNull(named.GetRequiredKeyedService(type, "pbx-b"));
            Assert.Null(named.GetService(type));
        });
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows)
    {
        var list = new List<T>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }
}
