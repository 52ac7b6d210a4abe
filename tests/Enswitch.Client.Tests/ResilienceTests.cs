using System.Net;
using Enswitch.Client.Recording;
using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.Tests;

/// <summary>
/// The retry decision end to end: connection failures, timeouts, cancellation, the circuit breaker,
/// and handlers outside the SDK that try to repeat a create (faults.md T1-T16, without sockets).
/// </summary>
public class ResilienceTests
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    private static HttpRequestException ConnectionBroken() =>
        new(HttpRequestError.ResponseEnded, "The response ended prematurely.");

    public class AConnectionFailure
    {
        [Fact]
        public async Task IsRetriedOnACreateWhenTheConnectionWasRefused()
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Refused(), Reply.Json(Envelope.Created123));

            var result = await harness.CreateAsync();

            Assert.Equal(123, result.Id);
            Assert.Equal(2, harness.Sends);
            Assert.Single(harness.Received);
        }

        [Fact]
        public async Task IsRetriedOnACreateWhenTheBodyNeverStarted()
        {
            using var harness = ClientHarness.Direct().Replies(
                Reply.FailBeforeSending(new HttpRequestException("An error occurred while sending the request.")),
                Reply.Json(Envelope.Created123));

            var result = await harness.CreateAsync();

            Assert.Equal(123, result.Id);
            Assert.Equal(2, harness.Sends);
        }

        // .NET 8+ says which phase a failure came from; netstandard2.0 cannot, so there only a body that
        // never started proves a create did not leave (this suite runs against every build of the library).
        [Fact]
        public async Task TrustsAConnectPhaseErrorAfterTheBodyStartedOnlyWhereTheRuntimeNamesThePhase()
        {
            var connectError = new HttpRequestException(HttpRequestError.ConnectionError, "The connection was lost while connecting.");
#if ENSWITCH_NETSTANDARD
            var exception = await Expect.CreateFailsOnceAsync<EnswitchTransportException>(Reply.ReadThenFail(connectError));

            Assert.True(exception.RequestSent);
            Assert.True(exception.OutcomeUnknown);
#else
            using var harness = ClientHarness.Direct().Replies(Reply.ReadThenFail(connectError), Reply.Json(Envelope.Created123));

            var result = await harness.CreateAsync();

            Assert.Equal(123, result.Id);
            Assert.Equal(2, harness.Sends);
#endif
        }

        // An HttpWebRequest-based stack (.NET Framework, Mono) refuses a body on GET, so nothing proves a failed
        // GET create did not leave; and it may re-send a buffered request by itself on a fresh connection
        // after a kept-alive one failed, a repeat no handler sees, so even a connect failure proves nothing.
        [Theory]
        [InlineData("body-less GET, unexplained failure")]
        [InlineData("POST whose body went out, then a WebException ConnectFailure")]
        public async Task IsNotRetriedOnALegacyStackWhenNothingProvesItWasNotSent(string failure)
        {
            var get = failure.StartsWith("body-less", StringComparison.Ordinal);
            var reply = get
                ? Reply.FailBeforeSending(new HttpRequestException("An error occurred while sending the request."))
                : Reply.ReadThenFail(new HttpRequestException("An error occurred while sending the request.", new WebException("Unable to connect to the remote server", WebExceptionStatus.ConnectFailure)));
            using var harness = ClientHarness.OnLegacyHttpStack(o => o.RequestMethod = get ? EnswitchRequestMethod.Get : EnswitchRequestMethod.Post)
                .Replies(reply, Reply.Json(Envelope.Created123));

            var exception = await Assert.ThrowsAsync<EnswitchTransportException>(() => harness.CreateAsync());

            Assert.True(exception.OutcomeUnknown);
            Assert.Equal(1, harness.Sends);
        }

        [Theory]
        [InlineData(EnswitchRequestMethod.Get)]
        [InlineData(EnswitchRequestMethod.Post)]
        public async Task SendsACreateOnALegacyStackOnAConnectionClosedAfterIt_AndAGetWithoutABody(EnswitchRequestMethod method)
        {
            using var harness = ClientHarness.OnLegacyHttpStack(o => o.RequestMethod = method).Replies(Reply.Json(Envelope.Created123), Reply.Json(Envelope.Validated));

            Assert.Equal(123, (await harness.CreateAsync()).Id);
            await harness.Client.ValidateCreateAsync(new CreateRecordGroupRequest("Support line"), cancellationToken: ClientHarness.Token);

            var create = harness.Received[0];
            Assert.True(create.ConnectionClose);
            Assert.Equal(method == EnswitchRequestMethod.Get, create.Body is null);
            Assert.False(harness.Received[1].ConnectionClose); // a validation may be repeated, so it keeps the connection
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(3)]
        public async Task ReportsNothingSentAfterEveryAttemptWasRefused(int maxRetries)
        {
            using var harness = ClientHarness.Direct(o => o.MaxRetries = maxRetries).Replies(Reply.Refused());

            var exception = await Assert.ThrowsAsync<EnswitchTransportException>(() => harness.CreateAsync());

            Assert.False(exception.RequestSent);
            Assert.False(exception.OutcomeUnknown);
            Assert.Equal(1 + maxRetries, exception.Attempts);
            Assert.Equal(1 + maxRetries, harness.Sends);
            Assert.Empty(harness.Received);
            Assert.Contains("enswitch.example.com", exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task IsNotRetriedOnACreateThatReachedTheServer()
        {
            var exception = await Expect.CreateFailsOnceAsync<EnswitchTransportException>(Reply.ReadThenFail(ConnectionBroken()));

            Assert.True(exception.RequestSent);
            Assert.True(exception.OutcomeUnknown);
            Assert.Contains("may or may not have carried out", exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task IsRetriedOnAValidationThatReachedTheServer()
        {
            using var harness = ClientHarness.Direct().Replies(Reply.ReadThenFail(ConnectionBroken()), Reply.Json(Envelope.Validated));

            await harness.ValidateCreateAsync();

            Assert.Equal(2, harness.Received.Count);
        }
    }

    public class ATimeout
    {
        [Fact]
        public async Task EndsACreateThatWasSentAfterOneAttemptWithAnUnknownOutcome()
        {
            using var harness = ClientHarness.Direct(o => o.AttemptTimeout = AttemptTimeout).Replies(Reply.Hang(), Reply.Json(Envelope.Created123));

            var call = harness.CreateAsync();
            await harness.AdvanceWhenReceivedAsync(call, 1, AttemptTimeout);
            var exception = await Assert.ThrowsAsync<EnswitchTransportException>(() => ClientHarness.Settled(call));

            Assert.True(exception.RequestSent);
            Assert.True(exception.OutcomeUnknown);
            Assert.Equal(1, exception.Attempts);
            Assert.Equal(1, harness.Sends);
            Assert.Contains("timeout", exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task IsRetriedOnAValidation()
        {
            using var harness = ClientHarness.Direct(o => o.AttemptTimeout = AttemptTimeout).Replies(Reply.Hang(), Reply.Json(Envelope.Validated));

            var call = harness.ValidateCreateAsync();
            await harness.AdvanceWhenReceivedAsync(call, 1, AttemptTimeout);
            await ClientHarness.Settled(call);

            Assert.Equal(2, harness.Sends);
        }

        [Fact]
        public async Task EndsAValidationAtTheTotalTimeout()
        {
            using var harness = ClientHarness.Direct(o =>
            {
                o.AttemptTimeout = TimeSpan.FromSeconds(10);
                o.TotalTimeout = TimeSpan.FromSeconds(25);
                o.MaxRetries = 10;
            }).Replies(Reply.Hang());

            var call = harness.ValidateCreateAsync();
            await harness.AdvanceWhenReceivedAsync(call, 1, TimeSpan.FromSeconds(10));
            await harness.AdvanceWhenReceivedAsync(call, 2, TimeSpan.FromSeconds(10));
            await harness.AdvanceWhenReceivedAsync(call, 3, TimeSpan.FromSeconds(5));
            var exception = await Assert.ThrowsAsync<EnswitchTransportException>(() => ClientHarness.Settled(call));

            Assert.Equal(3, exception.Attempts);
            Assert.Equal(3, harness.Sends);
            Assert.True(exception.RequestSent);
        }
    }

    public class Cancellation
    {
        [Fact]
        public async Task AfterACreateWasSentThrowsOperationCanceledWithoutRetrying()
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Hang(), Reply.Json(Envelope.Created123));
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ClientHarness.Token);

            var call = harness.Client.CreateAsync(new Recording.CreateRecordGroupRequest("example"), cancellationToken: cancellation.Token);
            await ClientHarness.WaitUntilAsync(harness.ReceivedAsync(1), call, "the request reached the server");
            await cancellation.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ClientHarness.Settled(call));
            Assert.Equal(1, harness.Sends);
        }

        [Fact]
        public async Task BeforeTheSendSendsNothing()
        {
            using var harness = ClientHarness.Direct();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.CreateAsync(new Recording.CreateRecordGroupRequest("example"), cancellationToken: new CancellationToken(canceled: true)));

            Assert.Equal(0, harness.Sends);
        }
    }

    public class TheCircuitBreaker
    {
        [Fact]
        public async Task FailsFastWithoutSendingOnceOpenAndClosesAfterTheBreak()
        {
            using var harness = ClientHarness.Direct(o =>
            {
                o.MaxRetries = 0;
                o.CircuitBreakerMinimumThroughput = 2;
                o.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(15);
            }).Replies(
                Reply.Html(HttpStatusCode.ServiceUnavailable, "<html>busy</html>"),
                Reply.Html(HttpStatusCode.ServiceUnavailable, "<html>busy</html>"),
                Reply.Json(Envelope.Validated));
            await Assert.ThrowsAsync<EnswitchProtocolException>(() => harness.ValidateCreateAsync());
            await Assert.ThrowsAsync<EnswitchProtocolException>(() => harness.ValidateCreateAsync());

            var exception = await Assert.ThrowsAsync<EnswitchTransportException>(() => harness.ValidateCreateAsync());

            Assert.False(exception.RequestSent);
            Assert.False(exception.OutcomeUnknown);
            Assert.Equal(2, harness.Sends);
            // The refusal says why the circuit opened: the last failure that counted, as Polly's breaker said.
            var refusal = Assert.IsType<Polly.CircuitBreaker.BrokenCircuitException>(exception.InnerException);
            Assert.IsType<EnswitchProtocolException>(refusal.InnerException);

            harness.Time.Advance(TimeSpan.FromSeconds(15));
            await harness.ValidateCreateAsync();
            Assert.Equal(3, harness.Sends);
        }

        [Fact]
        public async Task DoesNotCountApiErrors()
        {
            using var harness = ClientHarness.Direct(o =>
            {
                o.MaxRetries = 0;
                o.CircuitBreakerMinimumThroughput = 2;
            }).Replies(Reply.Json(Envelope.Code(400, "name", "Bad")));

            for (var i = 0; i < 5; i++)
            {
                await Assert.ThrowsAsync<InvalidParameterException>(() => harness.CreateAsync());
            }

            Assert.Equal(5, harness.Sends);
        }
    }

    public class AnAppWideRetryHandler
    {
        [Fact]
        public async Task CannotMakeTheServerSeeACreateTwice()
        {
            using var harness = ClientHarness.WithDependencyInjection(http: h => h.AddHttpMessageHandler(() => new SendTwiceHandler()));

            var exception = await Assert.ThrowsAsync<EnswitchTransportException>(() => harness.CreateAsync());

            Assert.Equal(1, harness.Sends);
            Assert.True(exception.OutcomeUnknown);
            Assert.Equal(1, exception.Attempts);
        }

        [Fact]
        public async Task CannotMakeTheServerSeeACreateTwice_EvenBySendingACopyOfTheRequest()
        {
            using var harness = ClientHarness.WithDependencyInjection(http: h => h.AddHttpMessageHandler(() => new SendCopyTwiceHandler()));

            var exception = await Assert.ThrowsAsync<EnswitchTransportException>(() => harness.CreateAsync());

            Assert.Equal(1, harness.Sends);
            Assert.True(exception.OutcomeUnknown);
        }

        [Fact]
        public async Task CannotMakeTheServerSeeACreateTwice_BySendingAClonedRequestWithANewBody()
        {
            using var harness = ClientHarness.WithDependencyInjection(http: h => h.AddHttpMessageHandler(() => new CloneWithNewBodyHandler(times: 2)));

            var exception = await Assert.ThrowsAsync<EnswitchTransportException>(() => harness.CreateAsync());

            Assert.Equal(1, harness.Sends);
            Assert.True(exception.OutcomeUnknown);
        }

        [Fact]
        public async Task CannotMakeTheSdkRetryACreate_WhenItsCopyFailsToConnectAfterAnEarlierCopyReachedTheServer()
        {
            using var harness = ClientHarness.WithDependencyInjection(http: h => h.AddHttpMessageHandler(() => new BareCopyRetryHandler()))
                .Replies(Reply.ReadThenFail(ConnectionBroken()), Reply.Refused(), Reply.Json(Envelope.Created123));

            var exception = await Assert.ThrowsAsync<EnswitchTransportException>(() => harness.CreateAsync());

            Assert.True(exception.OutcomeUnknown);
            Assert.Equal(1, exception.Attempts);
            Assert.Single(harness.Received);
        }

        [Fact]
        public async Task InGetMode_AHandlerThatReplacesTheBody_StillLetsTheSdkAddTheQuery()
        {
            using var harness = ClientHarness.WithDependencyInjection(
                o => o.RequestMethod = EnswitchRequestMethod.Get,
                h => h.AddHttpMessageHandler(() => new CloneWithNewBodyHandler(times: 1)));

            var result = await harness.CreateAsync();

            Assert.Equal(123, result.Id);
            Assert.Equal(1, harness.Sends);
        }

        [Fact]
        public async Task CannotRepeatACreateWhoseConnectionBroke()
        {
            using var harness = ClientHarness.WithDependencyInjection(http: h => h.AddHttpMessageHandler(() => new RetryOnErrorHandler()))
                .Replies(Reply.ReadThenFail(ConnectionBroken()), Reply.Json(Envelope.Created123));

            var exception = await Assert.ThrowsAsync<EnswitchTransportException>(() => harness.CreateAsync());

            Assert.Equal(1, harness.Sends);
            Assert.True(exception.RequestSent);
            Assert.True(exception.OutcomeUnknown);
        }

        [Fact]
        public async Task MayRepeatAValidation()
        {
            using var harness = ClientHarness.WithDependencyInjection(http: h => h.AddHttpMessageHandler(() => new SendTwiceHandler()))
                .Replies(Reply.Json(Envelope.Validated));

            await harness.ValidateCreateAsync();

            Assert.Equal(2, harness.Sends);
        }

        /// <summary>A typical app-wide handler that repeats any request whose connection failed.</summary>
        private sealed class RetryOnErrorHandler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await base.SendAsync(request, cancellationToken);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                    }
                }
            }
        }
    }
}
