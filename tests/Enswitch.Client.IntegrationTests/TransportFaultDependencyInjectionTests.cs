using System.Net;
using System.Net.Sockets;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The transport rows that are about the HttpClient an application configures through
/// <c>AddEnswitchClient</c>'s builder (its own handlers, an app-wide resilience handler, the pooled
/// connection), which only dependency injection offers.
/// </summary>
public class TransportFaultDependencyInjectionTests
{
    private const string Create = "recording/groups/create";

    private const string List = "recording/recordings/list";

    private static CancellationToken Token => SdkHarness.Token;

    [Fact]
    public async Task T6_GetCreateOnPooledConnectionReadThenClosed_IsNotRetried_ServerSawExactlyTwoCreates()
    {
        var connections = 0;
        await using var h = await SdkHarness.StartAsync(
            o => o.RequestMethod = EnswitchRequestMethod.Get,
            // The netstandard2.0 build's default handler is an HttpClientHandler, whose connections cannot be
            // counted; the case is about .NET's socket handler, so that build is given one.
#if ENSWITCH_NETSTANDARD
            http: b => b.ConfigurePrimaryHttpMessageHandler(() => CountConnections(new SocketsHttpHandler { AllowAutoRedirect = false }, () => Interlocked.Increment(ref connections))));
#else
            http: b => b.ConfigurePrimaryHttpMessageHandler((handler, _) => CountConnections((SocketsHttpHandler)handler, () => Interlocked.Increment(ref connections))));
#endif

        var first = await h.Groups.CreateAsync(new CreateRecordGroupRequest("first"), cancellationToken: Token);
        Assert.Equal(1, Volatile.Read(ref connections));
        h.Emulator.InjectFault(Create, EmulatorFault.CloseAfterRequest, count: 5);

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("second"), cancellationToken: Token));

        Assert.True(error.OutcomeUnknown);
        Assert.True(error.RequestSent);
        Assert.Equal(1, error.Attempts);
        var requests = h.Emulator.RequestsTo(Create);
        Assert.Equal(2, requests.Count);
        Assert.Null(requests[0].Fault);
        Assert.NotNull(requests[1].Fault);
        Assert.Equal("second", requests[1]["name"]);
        Assert.Equal(first.Id, Assert.Single(h.Emulator.RecordGroups).Id);

        // The faulted create went over the connection the first one left in the pool, and nothing below
        // the SDK opened another one to send it again.
        Assert.Equal(1, Volatile.Read(ref connections));
    }

    [Fact]
    public async Task T10_CreateHeadersArriveThenBodyStalls_AttemptTimeoutCoversTheBody_OutcomeUnknown()
    {
        var headers = new TaskCompletionSource<HttpStatusCode>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var h = await SdkHarness.StartAsync(
            o => o.AttemptTimeout = TimeSpan.FromSeconds(10),
            fakeTime: true,
            http: b => b.AddHttpMessageHandler(() => new HeadersSeenHandler(headers)));
        h.Emulator.InjectFault(Create, EmulatorFault.StallBody, count: 5);

        var call = h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token);
        Assert.Equal(HttpStatusCode.OK, await headers.Task.WaitAsync(TimeSpan.FromMinutes(2), Token));

        // Only the attempt timeout (not the 90 s total) has passed: if it did not cover the body read,
        // the call would never end.
        Assert.False(call.IsCompleted);
        h.Time!.Advance(TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => call.WaitAsync(TimeSpan.FromMinutes(2), Token));

        Assert.True(error.OutcomeUnknown);
        Assert.True(error.RequestSent);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal(1, error.Attempts);
        Assert.Single(h.Emulator.RequestsTo(Create));
        Assert.Empty(h.Emulator.RecordGroups);
    }

    [Fact]
    public async Task T16_AppWideStandardResilienceHandler_CreateHangs_ServerSeesExactlyOneCreate()
    {
        var sends = 0;
        await using var h = await SdkHarness.StartAsync(
            http: b => b.AddHttpMessageHandler(() => new CountingHandler(() => Interlocked.Increment(ref sends))),
            services: s => s.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
                o.Retry.Delay = TimeSpan.FromMilliseconds(10);
                o.Retry.MaxRetryAttempts = 3;
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(60);
            })));
        h.Emulator.InjectFault(Create, EmulatorFault.Hang, count: 5);

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

        Assert.True(error.OutcomeUnknown);
        Assert.True(error.RequestSent);
        Assert.Equal(1, error.Attempts);
        Assert.Single(h.Emulator.RequestsTo(Create));
        Assert.Empty(h.Emulator.RecordGroups);

        // The app's handler did try again; the SDK's innermost guard refused every repeat.
        Assert.True(Volatile.Read(ref sends) > 1, $"the app's resilience handler sent {sends} time(s)");
        Assert.Contains("second time", error.Message, StringComparison.Ordinal);
    }

    // The README's advice for apps whose defaults (.NET Aspire's among them) put the standard handler on every client:
    // left on, it retries a read inside the SDK's single attempt; removed from the Enswitch client, the server sees
    // exactly the SDK's attempts.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task T16_AppWideStandardResilienceHandler_RetriesAReadInsideTheSdksAttempt_UnlessRemovedFromTheEnswitchClient(bool removed)
    {
        await using var h = await SdkHarness.StartAsync(
            o => o.MaxRetries = 0,
#pragma warning disable EXTEXP0001 // Experimental in Microsoft.Extensions.Http.Resilience; the README says so.
            http: removed ? b => b.RemoveAllResilienceHandlers() : null,
#pragma warning restore EXTEXP0001
            services: s => s.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler(o =>
            {
                o.Retry.Delay = TimeSpan.FromMilliseconds(10);
                o.Retry.MaxRetryAttempts = 3;
            })));
        h.Emulator.InjectFault(List, EmulatorFault.Raw(503, "<html>busy</html>"), count: 10);
        var enswitch = h.Services.GetRequiredService<IEnswitchClient>();

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => enswitch.Recordings.ListAsync(ListRecordingsRequest.ForCustomer(1), cancellationToken: Token));

        Assert.Equal(503, error.HttpStatus);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(removed ? 1 : 4, h.Emulator.RequestsTo(List).Count);
    }

    [Fact]
    public async Task T16_AppTimeoutHandlerAfterARefusedAttempt_CreateThatWasSent_IsReportedSentAndOutcomeUnknown()
    {
        // Attempt 1 is refused (proven not sent, retried); attempt 2 reaches the server and hangs until a
        // timeout the application added outside the SDK gives up. That the last failure came from the
        // application's handler must not make the call look unsent: the server holds the create.
        await using var h = await SdkHarness.StartAsync(
            o =>
            {
                o.MaxRetries = 5;
                o.RetryDelay = TimeSpan.FromMilliseconds(200);
            },
            http: b => b.AddResilienceHandler("app-timeout", p => p.AddTimeout(TimeSpan.FromSeconds(2))));
        h.Emulator.InjectFault(Create, EmulatorFault.Hang, count: 5);
        await h.Emulator.StopAcceptingAsync(Token);

        var call = h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token);
        await h.Signal.WaitAsync(3);
        await h.Emulator.ResumeAcceptingAsync(Token);

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => call.WaitAsync(TimeSpan.FromMinutes(2), Token));
        Assert.True(error.RequestSent);
        Assert.True(error.OutcomeUnknown);
        Assert.Single(h.Emulator.RequestsTo(Create));
    }


    private static SocketsHttpHandler CountConnections(SocketsHttpHandler handler, Action connected)
    {
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            connected();
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return handler;
    }

    /// <summary>Reports the status of the first response whose headers arrived.</summary>
    private sealed class HeadersSeenHandler(TaskCompletionSource<HttpStatusCode> seen) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            seen.TrySetResult(response.StatusCode);
            return response;
        }
    }

    /// <summary>Counts the sends that reach it, below the app's handlers and above the SDK's innermost one.</summary>
    private sealed class CountingHandler(Action sent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
