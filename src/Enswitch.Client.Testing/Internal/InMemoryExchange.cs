using System.Net.Http;
using System.Net.Sockets;

namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// One request and its answer in the in-memory form, from the send until the body is read to its end or disposed: what a
/// connection is to the socket form, so that stopping the emulator can end it as Kestrel ends its connections.
/// </summary>
internal sealed class InMemoryExchange : IDisposable
{
    private readonly InMemoryTransport _transport;
    private readonly CancellationTokenSource _send;
    private readonly object _sync = new();
    private Stream? _body;
    private bool _aborted;
    private bool _disposed;

    public InMemoryExchange(InMemoryTransport transport, HttpMessageHandler server, CancellationToken cancellationToken)
    {
        _transport = transport;
        Server = new HttpMessageInvoker(server);
        _send = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Gets the TestServer handler this exchange sends through.</summary>
    public HttpMessageInvoker Server { get; }

    /// <summary>Gets the token of the send: the caller's, and cancelled as well when the exchange is aborted.</summary>
    public CancellationToken Token => _send.Token;

    /// <summary>Gets a value indicating whether the emulator ended this exchange (see <see cref="Abort"/>).</summary>
    public bool Aborted
    {
        get
        {
            lock (_sync)
            {
                return _aborted;
            }
        }
    }

    /// <summary>
    /// Returns the failure a socket client sees when the server closes the connection before it answered: Kestrel aborts
    /// the connection, and .NET's socket handler reports the reset as an <see cref="HttpRequestException"/>
    /// (<see cref="HttpRequestError.Unknown"/>) around an <see cref="IOException"/> around a <see cref="SocketException"/>
    /// with <see cref="SocketError.ConnectionReset"/>. The exception TestServer threw is left out, as a socket client
    /// never sees the server's side.
    /// </summary>
    public static HttpRequestException Ended(string what) =>
        new(
            HttpRequestError.Unknown,
            "An error occurred while sending the request.",
            new IOException($"Unable to read data from the transport connection: {what}.", new SocketException((int)SocketError.ConnectionReset)));

    /// <summary>Returns the same failure for a read of the body.</summary>
    public static HttpIOException EndedInBody(string what, Exception? inner = null) =>
        new(HttpRequestError.ResponseEnded, $"The response ended prematurely: {what}.", inner);

    /// <summary>
    /// Takes the answer's body over, in a stream that fails as a socket read would when the body ends short of its
    /// Content-Length or the emulator ends the exchange, and keeps the exchange open until that body is done.
    /// </summary>
    public async Task<HttpResponseMessage> ReceiveAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var original = response.Content;
        var inner = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        lock (_sync)
        {
            // TestServer answers once the emulator's handler returns, even when that is because the client went away or
            // the emulator stopped; over a socket no answer would arrive then.
            if (cancellationToken.IsCancellationRequested || _aborted)
            {
                inner.Dispose();
                response.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                throw Ended("the in-memory Enswitch emulator stopped");
            }

            _body = inner;
        }

        var content = new StreamContent(new InMemoryResponseStream(inner, original.Headers.ContentLength, this));
        foreach (var header in original.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = content;
        return response;
    }

    /// <summary>
    /// Ends the exchange as a closed connection would: a send under way fails, and so does every later read of the body,
    /// while the emulator sees the request aborted.
    /// </summary>
    public void Abort()
    {
        Stream? body;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _aborted = true;
            body = _body;
            _send.Cancel();
        }

        // Disposing TestServer's body stream aborts the request on the server's side and ends a read under way.
        body?.Dispose();
    }

    /// <summary>Closes the exchange: its body is done with, or the send failed.</summary>
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _send.Dispose();
            Server.Dispose();
        }

        _transport.Remove(this);
    }
}
