using System.Net;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// What only the in-memory form has: its address and port, a handler that reaches this emulator at that address only,
/// and handlers that come and go (as an HttpClient factory rotates them) while the emulator lives on. Everything the two
/// forms share is tested on both, in the suites derived from <see cref="OnBothEmulatorForms"/> and
/// <see cref="OnBothConstructionPaths"/>.
/// </summary>
public class InMemoryEmulatorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HasTheInMemoryAddress_AnHttpsNameThatNeverResolves_AndNoPort()
    {
        await using var emulator = await EnswitchEmulator.StartInMemoryAsync(cancellationToken: Token);
        await using var onSocket = await EnswitchEmulator.StartAsync(cancellationToken: Token);

        Assert.True(emulator.IsInMemory);
        Assert.False(onSocket.IsInMemory);
        Assert.Equal(EnswitchEmulator.InMemoryBaseAddress, emulator.BaseAddress);
        Assert.Equal(new Uri("https://enswitch-emulator.invalid/"), emulator.BaseAddress);
        var port = Assert.Throws<ArgumentException>(() => EnswitchEmulator.StartInMemoryAsync(new EnswitchEmulatorOptions { Port = 41234 }, Token).GetAwaiter().GetResult());
        Assert.Contains("Port", port.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://enswitch-emulator.invalid/")]
    [InlineData("https://pbx.example.com/")]
    public async Task TheHandler_ReachesOnlyTheEmulatorsAddress_AnyOtherFailsBeforeAnythingIsSent(string address)
    {
        await using var emulator = await EnswitchEmulator.StartInMemoryAsync(cancellationToken: Token);
        using var http = new HttpClient(emulator.CreateHandler());
        using var request = WatchedContent.CreateGroup(new Uri(address), "x", out var content);
        request.RequestUri = new Uri(request.RequestUri!.AbsoluteUri + "?auth_password=query-secret");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(request, Token));

        Assert.Equal(HttpRequestError.NameResolutionError, error.HttpRequestError);
        Assert.False(content.Serialized);
        Assert.Contains(new Uri(address).GetLeftPart(UriPartial.Authority), error.Message, StringComparison.Ordinal);
        Assert.Contains(emulator.BaseAddress.AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(emulator.Journal);
    }

    [Fact]
    public async Task HandlersComeAndGo_TheEmulatorAndItsStateStay_AndAHandlerOutlivesAStopAndResume()
    {
        await using var emulator = await EnswitchEmulator.StartInMemoryAsync(cancellationToken: Token);
        using var kept = new HttpClient(emulator.CreateHandler());
        using (var rotated = new HttpClient(emulator.CreateHandler()))
        {
            using var first = WatchedContent.CreateGroup(emulator.BaseAddress, "first", out _);
            Assert.Equal(HttpStatusCode.OK, (await rotated.SendAsync(first, Token)).StatusCode);
        }

        await emulator.StopAcceptingAsync(Token);
        await emulator.ResumeAcceptingAsync(Token);
        using var second = WatchedContent.CreateGroup(emulator.BaseAddress, "second", out _);
        using var answer = await kept.SendAsync(second, Token);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(["first", "second"], emulator.RecordGroups.Select(g => g.Name));
    }

    [Fact]
    public async Task TwoEmulators_ShareTheAddress_YetEachHandlerReachesItsOwn()
    {
        await using var a = await EnswitchEmulator.StartInMemoryAsync(cancellationToken: Token);
        await using var b = await EnswitchEmulator.StartInMemoryAsync(cancellationToken: Token);
        using var toA = new HttpClient(a.CreateHandler());
        using var toB = new HttpClient(b.CreateHandler());

        using var forA = WatchedContent.CreateGroup(a.BaseAddress, "for a", out _);
        using var forB = WatchedContent.CreateGroup(b.BaseAddress, "for b", out _);
        (await toA.SendAsync(forA, Token)).Dispose();
        (await toB.SendAsync(forB, Token)).Dispose();

        Assert.Equal(["for a"], a.RecordGroups.Select(g => g.Name));
        Assert.Equal(["for b"], b.RecordGroups.Select(g => g.Name));
    }

    [Fact]
    public async Task ADisposedEmulator_IsRefusedByItsHandlers_AsAClosedPortIs()
    {
        var emulator = await EnswitchEmulator.StartInMemoryAsync(cancellationToken: Token);
        using var http = new HttpClient(emulator.CreateHandler());
        await emulator.DisposeAsync();
        using var request = WatchedContent.CreateGroup(emulator.BaseAddress, "x", out var content);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(request, Token));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.False(content.Serialized);
    }

    [Fact]
    public async Task TheSdkWithoutTheHandler_FailsAtOnceAsNotSent_InsteadOfReachingAnotherServer()
    {
        // The mistake the address guards against: the BaseAddress given, the handler forgotten. The name never resolves,
        // so nothing leaves the machine, and the call is refused as not sent.
        await using var emulator = await EnswitchEmulator.StartInMemoryAsync(cancellationToken: Token);
        var options = new EnswitchClientOptions
        {
            BaseAddress = emulator.BaseAddress,
            Username = EnswitchEmulator.DefaultUsername,
            Password = EnswitchEmulator.DefaultPassword,
            MaxRetries = 0,

            // Name resolution on an offline machine may be slow (as in TransportFaultTests.T3).
            AttemptTimeout = TimeSpan.FromMinutes(1),
            TotalTimeout = TimeSpan.FromMinutes(5),
        };
        using var client = EnswitchClient.Create(options);

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => client.RecordGroups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

        Assert.False(error.RequestSent);
        Assert.Contains("enswitch-emulator.invalid", error.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Journal);
    }
}
