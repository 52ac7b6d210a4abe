using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.AspNetCore.TestHost;

namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// The "network" of an in-memory emulator: it hands each request to the current TestServer, which runs the same
/// ASP.NET Core pipeline and <see cref="RequestHandler"/> as Kestrel does in the socket form, and makes what TestServer
/// does not do look as a socket would to the client: a stopped emulator refuses before any byte is sent, the body is
/// sent before the server can answer (as HTTP/1.1 sends it with the headers), a connection the server closes is the
/// connection reset a socket client sees rather than a cancellation, and a body shorter than its Content-Length fails.
/// </summary>
internal sealed class InMemoryTransport
{
    private readonly object _sync = new();
    private readonly HashSet<InMemoryExchange> _exchanges = [];
    private TestServer? _server;

    public InMemoryTransport(Uri baseAddress) => BaseAddress = baseAddress;

    /// <summary>Gets the only address requests reach the emulator at.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts handing requests to <paramref name="server"/>.</summary>
    public void Open(TestServer server)
    {
        lock (_sync)
        {
            _server = server;
        }
    }

    /// <summary>Refuses every request from now on, as a closed port does; exchanges under way go on until <see cref="AbortAll"/>.</summary>
    public void Close()
    {
        // An exchange that took the server just before goes on until AbortAll ends it.
        lock (_sync)
        {
            _server = null;
        }

    }

    /// <summary>Ends every exchange under way, as closing its connection would: the client's send or body read fails.</summary>
    public void AbortAll()
    {
        InMemoryExchange[] exchanges;
        lock (_sync)
        {
            exchanges = [.. _exchanges];
        }

        foreach (var exchange in exchanges)
        {
            exchange.Abort();
        }
    }

    public void Remove(InMemoryExchange exchange)
    {
        lock (_sync)
        {
            _exchanges.Remove(exchange);
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var exchange = Connect(request.RequestUri, cancellationToken);
        try
        {
            await SendBodyAsync(request, exchange.Token).ConfigureAwait(false);
            var response = await ReceiveHeadersAsync(exchange.Server.SendAsync(request, exchange.Token), exchange.Token).ConfigureAwait(false);
            return await exchange.ReceiveAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not HttpRequestException)
        {
            exchange.Dispose();
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw new TaskCanceledException("The operation was canceled.", exception, cancellationToken);
            }

            if (exception is OperationCanceledException || exchange.Aborted)
            {
                // TestServer reports a connection the server closed (a fault, the emulator stopping) as a cancellation,
                // which a client would take for its own timeout: over a socket it is a failure after sending.
                throw InMemoryExchange.Ended("the in-memory Enswitch emulator closed the connection without answering (connection reset)");
            }

            // Any other exception is the emulator's own, before it answered, which Kestrel turns into an empty 500.
            return new HttpResponseMessage(HttpStatusCode.InternalServerError) { RequestMessage = request, Content = new ByteArrayContent([]) };
        }
        catch
        {
            exchange.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits for the answer's headers, or for the exchange to end: TestServer answers only once the emulator's handler
    /// returns, which a fault that outlives the client (<see cref="EmulatorFault.DelayThenApply(TimeSpan)"/>) delays, while a
    /// socket client stops waiting as soon as it gives up or the connection closes. An answer that comes after that is
    /// thrown away, as it would be by a socket that is closed.
    /// </summary>
    private static async Task<HttpResponseMessage> ReceiveHeadersAsync(Task<HttpResponseMessage> sending, CancellationToken cancellationToken)
    {
        try
        {
            return await sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!sending.IsCompleted)
        {
            _ = sending.ContinueWith(
                static late =>
                {
                    if (late.IsCompletedSuccessfully)
                    {
                        late.Result.Dispose();
                    }
                    else
                    {
                        _ = late.Exception;
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>
    /// Writes the request body out before the server runs, as HTTP/1.1 sends it with the headers before any answer can
    /// come; TestServer would stream it alongside the application, so a fault that closes at once could find it unsent.
    /// </summary>
    private static async Task SendBodyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not { } content)
        {
            return;
        }

        try
        {
#if NET9_0_OR_GREATER
            await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
#else
            await content.LoadIntoBufferAsync().ConfigureAwait(false);
#endif
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new HttpRequestException("Error while copying content to a stream.", exception);
        }

        // Computed from the buffer and kept in the headers, so that the server sees a declared length, as over a socket
        // (the SDK's requests always declare one).
        _ = content.Headers.ContentLength;
    }

    /// <summary>
    /// Opens an exchange with the current server, or fails as a connection would: an address other than
    /// <see cref="BaseAddress"/> cannot be reached, and a stopped emulator refuses. Either proves nothing was sent.
    /// </summary>
    private InMemoryExchange Connect(Uri? address, CancellationToken cancellationToken)
    {
        if (address is null || !address.IsAbsoluteUri ||
            Uri.Compare(address, BaseAddress, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            // Only the scheme, host and port are named: a query, and the user information of an address, may hold credentials.
            var named = address is { IsAbsoluteUri: true } ? address.GetComponents(UriComponents.SchemeAndServer, UriFormat.SafeUnescaped) : "a relative address";
            throw new HttpRequestException(
                HttpRequestError.NameResolutionError,
                $"The in-memory Enswitch emulator's handler reaches only {BaseAddress}, not {named}; use the emulator's BaseAddress.",
                new SocketException((int)SocketError.HostNotFound));
        }

        lock (_sync)
        {
            if (_server is not { } server)
            {
                throw new HttpRequestException(
                    HttpRequestError.ConnectionError,
                    "Connection refused: the in-memory Enswitch emulator is not accepting requests (stopped, or disposed).",
                    new SocketException((int)SocketError.ConnectionRefused));
            }

            var exchange = new InMemoryExchange(this, server.CreateHandler(), cancellationToken);
            _exchanges.Add(exchange);
            return exchange;
        }
    }
}
