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
    public void InAChainOfDelegatingHandlers_TheGuardGoesDirectlyAboveTheLastInnerHandler_WhoseRedirectsAreTurnedOff()
    {
        // A chain is the supported way to put handlers of one's own around the handler that sends; the guard must sit
        // below all of them, directly on that handler, as AddEnswitchClient puts it below AddHttpMessageHandler's.
        var sockets = new SocketsHttpHandler { AllowAutoRedirect = true };
        var inner = new PassThroughHandler { InnerHandler = sockets };
        var outer = new PassThroughHandler { InnerHandler = inner };

        using var client = EnswitchClient.Create(TestOptions.Create(), outer);

        Assert.False(sockets.AllowAutoRedirect);
        Assert.Same(inner, outer.InnerHandler);
        var guard = Assert.IsAssignableFrom<DelegatingHandler>(inner.InnerHandler);
        Assert.Equal("EnswitchPrimaryHandler", guard.GetType().Name);
        Assert.Same(sockets, guard.InnerHandler);
    }

    [Theory]
    [InlineData("the same request")]
    [InlineData("a copy of the request")]
    public async Task ARetryingHandlerInTheChain_CannotSendACreateTwice_TheCallEndsAsOutcomeUnknown(string resend)
    {
        using var mock = new MockHttpMessageHandler();
        var creates = mock.When(HttpMethod.Post, TestOptions.CreateUrl).Respond("application/json", Envelope.Created123);
        DelegatingHandler retrying = resend == "the same request" ? new SendTwiceHandler() : new SendCopyTwiceHandler();
        retrying.InnerHandler = mock;
        using var client = EnswitchClient.Create(TestOptions.Create(), retrying);

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => client.RecordGroups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

        Assert.Equal(1, mock.GetMatchCount(creates));
        Assert.True(error.OutcomeUnknown);
        Assert.True(error.RequestSent);
        Assert.Equal(1, error.Attempts);
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task AHandlerBelowTheGuardThatFollowsARedirect_FailsTheCall_ItsAnswerUnused_OutcomeUnknownForACreate(EnswitchRequestMethod method)
    {
        // The guard restores the request's address for outer handlers once the send is over; it must look first, or the
        // evidence that the request (credentials included) went elsewhere would be gone.
        var redirecting = new RedirectFollowingHandler(new Uri("https://elsewhere.example.com/api/json/recording/groups/create/?auth_password=password"));
        using var client = EnswitchClient.Create(TestOptions.Create(o => o.RequestMethod = method), new PassThroughHandler { InnerHandler = redirecting });

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => client.RecordGroups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

        Assert.Equal(1, redirecting.Sends);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, error.Attempts);
        Assert.Contains("primary handler given to the SDK followed a redirect to https://elsewhere.example.com/api/json/recording/groups/create/", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("auth_password", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AValidationThroughAHandlerThatFollowsARedirect_IsNotRetried()
    {
        var redirecting = new RedirectFollowingHandler(new Uri("https://elsewhere.example.com/api/json/recording/groups/create/"), Envelope.Validated);
        using var client = EnswitchClient.Create(TestOptions.Create(o => o.MaxRetries = 3), redirecting);

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => client.RecordGroups.ValidateCreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

        Assert.Equal(1, redirecting.Sends);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public void AChainThatEndsWithoutAHandlerThatSends_IsRefused_SayingHowToAddHandlers_AndDisposed()
    {
        var outer = new PassThroughHandler { InnerHandler = new PassThroughHandler() };

        var error = Assert.Throws<ArgumentException>("primaryHandler", () => EnswitchClient.Create(TestOptions.Create(), outer));

        Assert.Contains("PassThroughHandler has no InnerHandler", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddHttpMessageHandler", error.Message, StringComparison.Ordinal);
        Assert.True(outer.Disposed);
    }

    [Fact]
    public void AChainThatLoops_IsRefused()
    {
        var first = new PassThroughHandler();
        var second = new PassThroughHandler { InnerHandler = first };
        first.InnerHandler = second;

        var error = Assert.Throws<ArgumentException>("primaryHandler", () => EnswitchClient.Create(TestOptions.Create(), first));

        Assert.Contains("loops", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChainThatHasAlreadySent_IsRefused_AndDisposed()
    {
        // The guard can no longer be put into a chain that has sent: DelegatingHandler refuses a new InnerHandler then.
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("text/plain", "ok");
        var used = new PassThroughHandler { InnerHandler = mock };
        using (var invoker = new HttpMessageInvoker(used, disposeHandler: false))
        using (var request = new HttpRequestMessage(HttpMethod.Get, TestOptions.BaseAddress))
        {
            (await invoker.SendAsync(request, Token)).Dispose();
        }

        var error = Assert.Throws<InvalidOperationException>(() => EnswitchClient.Create(TestOptions.Create(), used));

        Assert.Contains("already sent requests", error.Message, StringComparison.Ordinal);
        Assert.True(used.Disposed);
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

    [Fact]
    public void WhenCreateThrows_TheHandlerIsDisposed_AsTheClientOwnsItFromTheCallOn()
    {
        var invalid = new FailingHandler(bodyWritten: false);
        var noOptions = new FailingHandler(bodyWritten: false);

        Assert.Throws<OptionsValidationException>(() => EnswitchClient.Create(TestOptions.Create(o => o.Username = ""), invalid));
        Assert.Throws<ArgumentNullException>("options", () => EnswitchClient.Create(null!, noOptions));

        Assert.True(invalid.Disposed);
        Assert.True(noOptions.Disposed);
    }

    /// <summary>A handler of the application's own that passes every request on, as a logging or header handler does.</summary>
    private sealed class PassThroughHandler : DelegatingHandler
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    /// <summary>
    /// A handler that sends on to another address and answers from there, as .NET's redirect handler does after a 307: it
    /// points the request at the new address, and the answer (a created group, unless told otherwise) comes from there.
    /// </summary>
    private sealed class RedirectFollowingHandler(Uri target, string answer = Envelope.Created123) : HttpMessageHandler
    {
        private int _sends;

        public int Sends => Volatile.Read(ref _sends);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sends);
            request.RequestUri = target;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent(answer, System.Text.Encoding.UTF8, "application/json"),
            });
        }
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
