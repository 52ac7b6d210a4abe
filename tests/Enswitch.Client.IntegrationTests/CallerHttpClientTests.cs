using Enswitch.Client.Recording;
using Enswitch.Client.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The constructors that take the application's own <see cref="HttpClient"/>: the SDK cannot stop that client
/// from following a redirect, so it refuses to use an answer that came from anywhere but BaseAddress, and says
/// the request may have been carried out there (faults.md T17, without dependency injection).
/// </summary>
public class CallerHttpClientTests
{
    private const string Create = "recording/groups/create";

    private static CancellationToken Token => SdkHarness.Token;

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task T17_AFollowedRedirectToAnotherHost_FailsClearly_OutcomeUnknownForACreate(EnswitchRequestMethod method)
    {
        await using var pbx = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await using var other = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        RedirectCreates(pbx, other);
        using var http = new HttpClient(); // follows redirects, as a plain HttpClient does
        var client = new EnswitchClient(http, new EnswitchClientOptions
        {
            BaseAddress = pbx.BaseAddress,
            Username = EnswitchEmulator.DefaultUsername,
            Password = EnswitchEmulator.DefaultPassword,
            RequestMethod = method,
        });

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => client.RecordGroups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

        Assert.True(error.OutcomeUnknown);
        Assert.True(error.RequestSent);
        Assert.Equal(1, error.Attempts);
        Assert.Contains("followed a redirect to " + other.BaseAddress.GetLeftPart(UriPartial.Authority), error.Message, StringComparison.Ordinal);
        Assert.Contains("EnswitchClient.Create", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(EnswitchEmulator.DefaultPassword, error.ToString(), StringComparison.Ordinal);

        // What the SDK cannot prevent with a client that follows redirects: the second host got the create.
        Assert.Single(other.RequestsTo(Create));
        Assert.Single(pbx.RequestsTo(Create));
    }

    [Fact]
    public async Task T17_AFollowedRedirectOnAValidationOnlyCall_IsNotRetried()
    {
        await using var pbx = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await using var other = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        RedirectCreates(pbx, other);
        using var http = new HttpClient();
        var groups = new RecordGroupsClient(http, new EnswitchClientOptions
        {
            BaseAddress = pbx.BaseAddress,
            Username = EnswitchEmulator.DefaultUsername,
            Password = EnswitchEmulator.DefaultPassword,
        });

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => groups.ValidateCreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

        Assert.False(error.OutcomeUnknown);
        Assert.Equal(1, error.Attempts);
        Assert.Single(pbx.RequestsTo(Create));
    }

    // Every create at pbx answers 307 to the same function at other.
    private static void RedirectCreates(EnswitchEmulator pbx, EnswitchEmulator other)
    {
        var location = new Uri(other.BaseAddress, "api/json/" + Create + "/").AbsoluteUri;
        pbx.InjectFault(Create, EmulatorFault.Raw(307, string.Empty, headers: new Dictionary<string, string> { ["Location"] = location }), count: 5);
    }

    [Fact]
    public async Task Create_SendsThroughTheSdksInnermostHandler_AndRefusesCallsOnceDisposed()
    {
        await using var pbx = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        var client = EnswitchClient.Create(new EnswitchClientOptions
        {
            BaseAddress = pbx.BaseAddress,
            Username = EnswitchEmulator.DefaultUsername,
            Password = EnswitchEmulator.DefaultPassword,
            RequestMethod = EnswitchRequestMethod.Get,
        });

        // In GET mode the credentials are added by the SDK's innermost handler, the last before the socket:
        // the server accepting the create proves Create put that handler in its chain.
        var created = await client.RecordGroups.CreateAsync(new CreateRecordGroupRequest("made without DI"), cancellationToken: Token);
        client.Dispose();

        Assert.Equal(created.Id, Assert.Single(pbx.RecordGroups).Id);
        Assert.True(Assert.Single(pbx.Journal).HadQueryString);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.RecordGroups.CreateAsync(new CreateRecordGroupRequest("after dispose"), cancellationToken: Token));
    }
}
