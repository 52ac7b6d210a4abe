using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// A primary handler that is a chain of the application's own <see cref="DelegatingHandler"/>s ending with a socket handler,
/// given to <c>EnswitchClient.Create(options, primaryHandler)</c> or to <c>ConfigurePrimaryHttpMessageHandler</c>, over
/// real loopback sockets: the SDK's guard goes directly above the socket handler, whose redirects it turns off, so that
/// neither a redirecting nor a retrying handler of the chain can send the password elsewhere or a create twice.
/// </summary>
public abstract class PrimaryHandlerChainTests(ClientConstruction construction)
{
    private const string Create = "recording/groups/create";

    private static CancellationToken Token => SdkHarness.Token;

    [Theory]
    [InlineData(307, EnswitchRequestMethod.Post)]
    [InlineData(307, EnswitchRequestMethod.Get)]
    [InlineData(302, EnswitchRequestMethod.Post)]
    public async Task ARedirectingSocketHandlerInsideAChain_DoesNotFollow_TheOtherHostGetsNothing(int status, EnswitchRequestMethod method)
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await using var other = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        var location = new Uri(other.BaseAddress, "api/json/" + Create + "/").AbsoluteUri;
        emulator.InjectFault(Create, EmulatorFault.Raw(status, string.Empty, headers: new Dictionary<string, string> { ["Location"] = location }), count: 5);
        var primary = new PassThroughHandler { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = true } };
        await using var client = Build(emulator, primary, o => o.RequestMethod = method);

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => client.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(1, primary.Sends);
        Assert.Single(emulator.RequestsTo(Create));
        Assert.Empty(other.Journal);
        Assert.Empty(other.RecordGroups);
    }

    [Fact]
    public async Task ARetryingHandlerInsideAChain_CannotStoreACreateTwice_TheCallEndsAsOutcomeUnknown()
    {
        // The emulator stores the group, then closes the connection: a retry that reached it would store a second one.
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        emulator.InjectFault(Create, EmulatorFault.CloseAfterRequest.AfterApplying(), count: 5);
        var retrying = new RetryOnFailureHandler(retries: 2) { InnerHandler = new SocketsHttpHandler() };
        await using var client = Build(emulator, retrying);

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => client.Groups.CreateAsync(new CreateRecordGroupRequest("once"), cancellationToken: Token));

        Assert.True(error.OutcomeUnknown);
        Assert.True(error.RequestSent);
        Assert.Equal(3, retrying.Sends);
        Assert.Contains("an HTTP handler outside the SDK tried to send this call a second time", error.Message, StringComparison.Ordinal);
        await emulator.WaitForIdleAsync(Token);
        Assert.Single(emulator.RequestsTo(Create));
        Assert.Equal(["once"], emulator.RecordGroups.Select(g => g.Name));
    }

    /// <summary>Builds the client the suite's way on <paramref name="primary"/>, against <paramref name="emulator"/>.</summary>
    private Client Build(EnswitchEmulator emulator, HttpMessageHandler primary, Action<EnswitchClientOptions>? configure = null)
    {
        void Configure(EnswitchClientOptions o)
        {
            o.BaseAddress = emulator.BaseAddress;
            o.Username = EnswitchEmulator.DefaultUsername;
            o.Password = EnswitchEmulator.DefaultPassword;
            SdkHarness.Defaults(o);
            configure?.Invoke(o);
        }

        if (construction == ClientConstruction.Create)
        {
            var options = new EnswitchClientOptions();
            Configure(options);
            var created = EnswitchClient.Create(options, primary);
            return new Client(created.RecordGroups, created, null);
        }

        var services = new ServiceCollection();
        services.AddEnswitchClient(Configure).ConfigurePrimaryHttpMessageHandler(() => primary);
        var provider = services.BuildServiceProvider();
        return new Client(provider.GetRequiredService<IRecordGroupsClient>(), null, provider);
    }

    private sealed record Client(IRecordGroupsClient Groups, IDisposable? Owned, ServiceProvider? Provider) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Owned?.Dispose();
            if (Provider is not null)
            {
                await Provider.DisposeAsync();
            }
        }
    }

    /// <summary>A handler of the application's own that passes every request on, counting them.</summary>
    private sealed class PassThroughHandler : DelegatingHandler
    {
        private int _sends;

        public int Sends => Volatile.Read(ref _sends);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sends);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>A naive retry handler of the application's own: it sends the same request again when a send fails.</summary>
    private sealed class RetryOnFailureHandler(int retries) : DelegatingHandler
    {
        private int _sends;

        public int Sends => Volatile.Read(ref _sends);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                Interlocked.Increment(ref _sends);
                try
                {
                    return await base.SendAsync(request, cancellationToken);
                }
                catch (HttpRequestException) when (attempt < retries)
                {
                }
            }
        }
    }
}

/// <summary>A chain as the primary handler of <c>EnswitchClient.Create(options, primaryHandler)</c>.</summary>
public sealed class PrimaryHandlerChainTestsWithCreate() : PrimaryHandlerChainTests(ClientConstruction.Create);

/// <summary>A chain as the primary handler configured with <c>ConfigurePrimaryHttpMessageHandler</c>.</summary>
public sealed class PrimaryHandlerChainTestsWithDependencyInjection() : PrimaryHandlerChainTests(ClientConstruction.DependencyInjection);
