using System.Net;
using System.Net.Sockets;
using Enswitch.Client.Recording;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Enswitch.Client.Tests;

/// <summary>
/// <c>EnswitchClient.Create(options, primaryHandler)</c>: the client sends through the application's handler (an in-memory
/// test server, a proxy) with the SDK's guard directly above it, as <c>AddEnswitchClient</c> puts it above a configured
/// primary handler.
/// </summary>
public class ClientCreateWithHandlerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendsThroughTheGivenHandler_TheGuardAddingTheGetQueryThatOnlyItAdds()
    {
        // In GET mode the credentials are added to the URL by the SDK's innermost handler alone, so a request that
        // reaches the given handler with them went through that guard.
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, TestOptions.CreateUrl)
            .WithExactQueryString("auth_username=user;auth_password=password;name=Support")
            .Respond("application/json", Envelope.Created123);
        using var client = EnswitchClient.Create(TestOptions.Create(o => o.RequestMethod = EnswitchRequestMethod.Get), mock);

        var created = await client.RecordGroups.CreateAsync(new CreateRecordGroupRequest("Support"), cancellationToken: Token);

        Assert.Equal(123, created.Id);
        mock.VerifyNoOutstandingExpectation();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ACreate_IsRetriedOnlyWhenTheHandlerProvesNothingWasSent(bool bodyWritten)
    {
        var handler = new FailingHandler(bodyWritten);
        using var client = EnswitchClient.Create(TestOptions.Create(o => o.MaxRetries = 2), handler);

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => client.RecordGroups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

        Assert.Equal(bodyWritten, error.OutcomeUnknown);
        Assert.Equal(bodyWritten, error.RequestSent);
        Assert.Equal(bodyWritten ? 1 : 3, handler.Sends);
    }

    [Fact]
    public void TurnsOffTheRedirectsOfTheGivenHandler()
    {
        var sockets = new SocketsHttpHandler { AllowAutoRedirect = true };
        var classic = new HttpClientHandler { AllowAutoRedirect = true };

        using var onSockets = EnswitchClient.Create(TestOptions.Create(), sockets);
        using var onClassic = EnswitchClient.Create(TestOptions.Create(), classic);

        Assert.False(sockets.AllowAutoRedirect);
        Assert.False(classic.AllowAutoRedirect);
    }

    [Fact]
    public void DisposingTheClient_DisposesTheHandler()
    {
        var handler = new FailingHandler(bodyWritten: false);
        var client = EnswitchClient.Create(TestOptions.Create(), handler);

        Assert.False(handler.Disposed);
        client.Dispose();

        Assert.True(handler.Disposed);
    }

    [Fact]
    public void RefusesANullHandler_AndInvalidOptions()
    {
        using var handler = new FailingHandler(bodyWritten: false);

        Assert.Throws<ArgumentNullException>("primaryHandler", () => EnswitchClient.Create(TestOptions.Create(), (HttpMessageHandler)null!));
        Assert.Throws<OptionsValidationException>(() => EnswitchClient.Create(TestOptions.Create(o => o.Username = ""), handler));
    }

    /// <summary>
    /// A primary handler that fails every send: after writing the body, as a connection dropped after the request went,
    /// or before touching it, as a refused connection.
    /// </summary>
    private sealed class FailingHandler(bool bodyWritten) : HttpMessageHandler
    {
        private int _sends;

        public int Sends => Volatile.Read(ref _sends);

        public bool Disposed { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sends);
            if (!bodyWritten)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused));
            }

            await request.Content!.CopyToAsync(Stream.Null, cancellationToken);
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
