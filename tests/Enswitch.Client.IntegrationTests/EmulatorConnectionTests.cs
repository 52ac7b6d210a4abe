using System.Net;
using System.Net.Sockets;
using Enswitch.Client.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// What a client sees of the emulator's connection-level behaviour, with a plain HttpClient on its handler, over loopback
/// and in memory alike: a fault that closes the connection fails after the body was sent (never as a connect failure, the
/// only kind a client may take as "not sent"), a stopped emulator refuses before anything is sent, a short body fails its
/// read, requests in flight end when the emulator stops, and the body limit and the emulator's own failures answer as
/// Kestrel answers them.
/// </summary>
public abstract class EmulatorConnectionTests(EmulatorForm form) : OnBothEmulatorForms(form)
{
    private const string Create = "recording/groups/create";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly HttpRequestError[] ConnectPhaseErrors =
        [HttpRequestError.NameResolutionError, HttpRequestError.ConnectionError, HttpRequestError.SecureConnectionError, HttpRequestError.ProxyTunnelError];

    public static TheoryData<string> ClosingFaults => ["close after request", "close before request", "close after request, after applying"];

    [Theory]
    [MemberData(nameof(ClosingFaults))]
    public async Task AFaultThatClosesTheConnection_FailsAfterTheBodyWasSent_NeverAsAConnectFailure(string description)
    {
        await using var emulator = await StartEmulatorAsync();
        using var http = new HttpClient(emulator.CreateHandler());
        var fault = description switch
        {
            "close after request" => EmulatorFault.CloseAfterRequest,
            "close before request" => EmulatorFault.CloseBeforeRequest,
            _ => EmulatorFault.CloseAfterRequest.AfterApplying(),
        };
        emulator.InjectFault(Create, fault);
        using var request = WatchedContent.CreateGroup(emulator.BaseAddress, "g", out var content);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(request, Token));

        Assert.True(content.Serialized);
        Assert.DoesNotContain(error.HttpRequestError, ConnectPhaseErrors);

        // Kestrel aborts the connection, and .NET's socket handler reports the reset: an HttpRequestException around an
        // IOException around a SocketException (ConnectionReset), which an application's own handling may look for.
        var io = Assert.IsType<IOException>(error.InnerException);
        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(io.InnerException).SocketErrorCode);
        await emulator.WaitForIdleAsync(Token);
        Assert.Equal(description, Assert.Single(emulator.Journal).Fault);
        Assert.Equal(fault.AppliesFirst ? 1 : 0, emulator.RecordGroups.Count);
    }

    [Fact]
    public async Task ABodyShorterThanItsContentLength_FailsItsRead_AsAResponseThatEndedEarly()
    {
        await using var emulator = await StartEmulatorAsync();
        using var http = new HttpClient(emulator.CreateHandler());
        emulator.InjectFault(Create, EmulatorFault.ResetMidBody(declaredLength: 100, sentLength: 50));
        using var request = WatchedContent.CreateGroup(emulator.BaseAddress, "g", out _);

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        await using var body = await response.Content.ReadAsStreamAsync(Token);
        var buffer = new byte[200];
        var received = 0;
        var error = await Assert.ThrowsAsync<HttpIOException>(async () =>
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(received), Token)) > 0)
            {
                received += read;
            }
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(100, response.Content.Headers.ContentLength);
        Assert.Equal(50, received);
        Assert.Equal(HttpRequestError.ResponseEnded, error.HttpRequestError);
    }

    [Fact]
    public async Task AStoppedEmulator_RefusesBeforeAnythingIsSent_AndServesAgainOnceResumed()
    {
        await using var emulator = await StartEmulatorAsync();
        using var http = new HttpClient(emulator.CreateHandler());
        await emulator.StopAcceptingAsync(Token);
        using var refusedRequest = WatchedContent.CreateGroup(emulator.BaseAddress, "refused", out var refusedContent);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(refusedRequest, Token));
        await emulator.ResumeAcceptingAsync(Token);
        using var servedRequest = WatchedContent.CreateGroup(emulator.BaseAddress, "served", out _);
        using var served = await http.SendAsync(servedRequest, Token);

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.False(refusedContent.Serialized);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("served", Assert.Single(emulator.Journal)["name"]);
        Assert.Equal(["served"], emulator.RecordGroups.Select(g => g.Name));
    }

    [Fact]
    public async Task StoppingTheEmulator_EndsABodyInFlight_AfterTheGracePeriod()
    {
        // Kestrel gives requests in flight 5 seconds to finish before it closes their connections; a stalled body never
        // finishes, so this test takes those 5 seconds in each form.
        await using var stalled = await StartStalledBodyAsync();

        var read = stalled.Body.ReadAsync(new byte[100], Token).AsTask();
        await stalled.Emulator.StopAcceptingAsync(Token);

        await Assert.ThrowsAnyAsync<IOException>(() => read.WaitAsync(TimeSpan.FromMinutes(1), Token));
        await stalled.Emulator.WaitForIdleAsync(Token);
        Assert.Equal(0, stalled.Emulator.RequestsInProgress);
    }

    [Fact]
    public async Task CancellingTheReadOfABodyThatStalls_ThrowsTaskCanceledException_WithTheCallersToken()
    {
        await using var stalled = await StartStalledBodyAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var read = stalled.Body.ReadAsync(new byte[100], cancel.Token).AsTask();
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => read);
        Assert.Equal(cancel.Token, error.CancellationToken);
    }

    [Fact]
    public async Task AStopThatIsCancelled_EndsTheRequestsInFlightAtOnce_AndStillStops()
    {
        // Kestrel takes a cancelled stop as "no grace period": it closes the connections under way, and the port.
        await using var emulator = await StartEmulatorAsync();
        using var http = new HttpClient(emulator.CreateHandler());
        emulator.InjectFault(Create, EmulatorFault.Hang);
        using var hanging = WatchedContent.CreateGroup(emulator.BaseAddress, "hangs", out _);
        var send = http.SendAsync(hanging, Token);
        await emulator.WaitForRequestAsync(Create, cancellationToken: Token);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);

        // Cancelled while it waits out the grace period for the hanging request.
        var stop = emulator.StopAcceptingAsync(cancel.Token);
        await cancel.CancelAsync();
        try
        {
            await stop;
        }
        catch (OperationCanceledException)
        {
            // A cancelled stop may say so; what matters is what it leaves behind, below.
        }

        var ended = await Assert.ThrowsAsync<HttpRequestException>(() => send.WaitAsync(TimeSpan.FromMinutes(1), Token));
        await emulator.WaitForIdleAsync(Token);
        using var refusedRequest = WatchedContent.CreateGroup(emulator.BaseAddress, "refused", out var refusedContent);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(refusedRequest, Token));
        await emulator.ResumeAcceptingAsync(Token);
        using var servedRequest = WatchedContent.CreateGroup(emulator.BaseAddress, "served", out _);
        using var served = await http.SendAsync(servedRequest, Token);

        Assert.DoesNotContain(ended.HttpRequestError, ConnectPhaseErrors);
        Assert.Equal(HttpRequestError.ConnectionError, refused.HttpRequestError);
        Assert.False(refusedContent.Serialized);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(0, emulator.RequestsInProgress);
    }

    [Fact]
    public async Task ABodyOverTheLimit_Answers413_BeforeAnythingIsJournaled()
    {
        await using var emulator = await StartEmulatorAsync();
        var handler = emulator.CreateHandler();
        if (handler is SocketsHttpHandler sockets)
        {
            // With Expect: 100-continue the socket client sends the body only when the server asks for it, and Kestrel asks
            // only when the emulator reads it: the 413 then arrives before any of the 4 MiB has been sent.
            sockets.Expect100ContinueTimeout = TimeSpan.FromMinutes(1);
        }

        using var http = new HttpClient(handler);
        using var request = WatchedContent.CreateGroup(emulator.BaseAddress, new string('x', 4 * 1024 * 1024), out _);
        request.Headers.ExpectContinue = true;

        using var response = await http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(emulator.Journal);
        Assert.Empty(emulator.RecordGroups);
    }

    [Fact]
    public async Task AFailureInsideTheEmulator_AnswersAnEmpty500_AsKestrelDoes()
    {
        await using var emulator = await StartEmulatorAsync();
        using var http = new HttpClient(emulator.CreateHandler());
        emulator.SetFaultSelector(_ => throw new InvalidOperationException("selector failed"));
        using var request = WatchedContent.CreateGroup(emulator.BaseAddress, "g", out _);

        using var response = await http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Token));
        Assert.Empty(emulator.Journal);
    }

    /// <summary>Starts an emulator of the suite's form and a create whose answer has its headers (HTTP 200) and no body.</summary>
    private async Task<StalledBody> StartStalledBodyAsync()
    {
        var emulator = await StartEmulatorAsync();
        var http = new HttpClient(emulator.CreateHandler());
        var request = WatchedContent.CreateGroup(emulator.BaseAddress, "g", out _);
        try
        {
            emulator.InjectFault(Create, EmulatorFault.StallBody);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
            return new StalledBody(emulator, http, request, response, await response.Content.ReadAsStreamAsync(Token));
        }
        catch
        {
            request.Dispose();
            http.Dispose();
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>An answer whose body stalls, with what it takes to read it.</summary>
    private sealed record StalledBody(EnswitchEmulator Emulator, HttpClient Http, HttpRequestMessage Request, HttpResponseMessage Response, Stream Body) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Body.DisposeAsync();
            Response.Dispose();
            Request.Dispose();
            Http.Dispose();
            await Emulator.DisposeAsync();
        }
    }
}

/// <summary>The connection-level behaviour of the emulator on a socket.</summary>
public sealed class EmulatorConnectionTestsOverSockets() : EmulatorConnectionTests(EmulatorForm.Socket);

/// <summary>The connection-level behaviour of the emulator in memory, which must look the same to a client.</summary>
public sealed class EmulatorConnectionTestsInMemory() : EmulatorConnectionTests(EmulatorForm.InMemory);
