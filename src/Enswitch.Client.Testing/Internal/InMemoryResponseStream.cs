namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// The body of an in-memory answer, read as .NET's socket handler reads one: it stops at the declared Content-Length,
/// fails with an <see cref="HttpIOException"/> when the body ends short of it or the emulator ends the exchange, where
/// TestServer would end the body quietly or report a cancellation, and throws a <see cref="TaskCanceledException"/> with
/// the caller's token when the caller cancels a read. Reading to the end or disposing closes the exchange.
/// </summary>
internal sealed class InMemoryResponseStream : Stream
{
    private readonly Stream _inner;
    private readonly InMemoryExchange _exchange;
    private long? _remaining;

    public InMemoryResponseStream(Stream inner, long? contentLength, InMemoryExchange exchange)
    {
        _inner = inner;
        _remaining = contentLength;
        _exchange = exchange;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_remaining == 0)
        {
            _exchange.Dispose();
            return 0;
        }

        if (_remaining < buffer.Length)
        {
            buffer = buffer[..(int)_remaining.Value];
        }

        int read;
        try
        {
            read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested)
        {
            // TestServer reports the client's own cancellation as a cancellation of its own or as the request it aborted; a
            // socket read reports it as a TaskCanceledException that carries the caller's token.
            throw new TaskCanceledException("The operation was canceled.", exception, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && (_exchange.Aborted || exception is not ObjectDisposedException))
        {
            // TestServer reports an exchange the emulator ended as a cancellation or a bare IOException; over a
            // socket it is a connection that closed mid-body.
            throw InMemoryExchange.EndedInBody("the in-memory Enswitch emulator closed the connection", exception);
        }

        if (read > 0)
        {
            _remaining -= read;
            return read;
        }

        if (_remaining > 0 || _exchange.Aborted)
        {
            throw InMemoryExchange.EndedInBody(
                _remaining > 0 ? $"at least {_remaining} additional bytes were expected" : "the in-memory Enswitch emulator closed the connection");
        }

        _exchange.Dispose();
        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // The SDK and HttpClient read asynchronously; a synchronous read blocks on the same logic.
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // As closing a connection mid-body: TestServer aborts the request, so the emulator stops writing.
            _inner.Dispose();
            _exchange.Dispose();
        }

        base.Dispose(disposing);
    }
}
