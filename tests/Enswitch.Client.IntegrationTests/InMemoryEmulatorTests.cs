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
    public async Task HasAnAddressOfItsOwn_AnHttpsNameThatNeverResolves_AndNoPort()
    {
        await using var emulator = await EnswitchEmulator.StartInMemoryAsync(cancellationToken: Token);
        await using var another = await EnswitchEmulator.StartInMemoryAsync(cancellationToken: Token);
        await using var onSocket = await EnswitchEmulator.StartAsync(cancellationToken: Token);

        Assert.True(emulator.IsInMemory);
        Assert.False(onSocket.IsInMemory);
        Assert.All([emulator.BaseAddress, another.BaseAddress], address =>
        {
            Assert.Matches(@"^https://e[0-9]+\.enswitch-emulator\.invalid/$", address.AbsoluteUri);
            Assert.True(address.IsDefaultPort);
        });
        Assert.NotEqual(emulator.BaseAddress, another.BaseAddress);
        var port = Assert.Throws<ArgumentException>(() => EnswitchEmulator.StartInMemoryAsync(new EnswitchEmulatorOptions { Port = 41234 }, Token).GetAwaiter().GetResult());
        Assert.Contains("Port", port.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("the emulator's own name over http")]
    [InlineData("https://pbx.example.com/")]
    [InlineData("https://user:userinfo-secret@pbx.example.com/")]
    public async Task TheHandler_ReachesOnlyTheEmulatorsAddress_AnyOtherFailsBeforeAnythingIsSent(string address)
    {
        await using var emulator = await EnswitchEmulator.StartInMemoryAsync(cancellationToken: Token);
        var target = address.StartsWith("the emulator", StringComparison.Ordinal) ? new UriBuilder(emulator.BaseAddress) { Scheme = "http", Port = 80 }.Uri : new Uri(address);
        using var http = new HttpClient(emulator.CreateHandler());
        using var request = WatchedContent.CreateGroup(target, "x", out var content);
        request.RequestUri = new Uri(request.RequestUri!.AbsoluteUri + "?auth_password=query-secret");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(request, Token));

        Assert.Equal(HttpRequestError.NameResolutionError, error.HttpRequestError);
        Assert.False(content.Serialized);
        Assert.Contains($"not {target.Scheme}://{target.Authority}", error.Message, StringComparison.Ordinal);
        Assert.Contains(emulator.BaseAddress.AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("userinfo-secret", error.ToString(), StringComparison.Ordinal);
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
    public async Task TwoEmulators_EachHandlerReachesItsOwn_AndRefusesTheOthersAddress()
    {
        // Over sockets a handler given the other emulator's address reaches the other emulator; in memory each handler
        // reaches only its own, so a request meant for the other must fail rather than land in the wrong journal.
        await using var a = await EnswitchEmulator.StartInMemoryAsync(cancellationToken: Token);
        await using var b = await EnswitchEmulator.StartInMemoryAsync(cancellationToken: Token);
        using var toA = new HttpClient(a.CreateHandler());
        using var toB = new HttpClient(b.CreateHandler());

        using var forA = WatchedContent.CreateGroup(a.BaseAddress, "for a", out _);
        using var forB = WatchedContent.CreateGroup(b.BaseAddress, "for b", out _);
        using var misdirected = WatchedContent.CreateGroup(b.BaseAddress, "for b through a", out var misdirectedContent);
        (await toA.SendAsync(forA, Token)).Dispose();
        (await toB.SendAsync(forB, Token)).Dispose();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => toA.SendAsync(misdirected, Token));

        Assert.Equal(HttpRequestError.NameResolutionError, error.HttpRequestError);
        Assert.False(misdirectedContent.Serialized);
        Assert.Equal(["for a"], a.RecordGroups.Select(g => g.Name));
        Assert.Equal(["for b"], b.RecordGroups.Select(g => g.Name));
        Assert.Single(a.Journal);
        Assert.Single(b.Journal);
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
        Assert.Contains(emulator.BaseAddress.Host, error.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Journal);
    }
}
