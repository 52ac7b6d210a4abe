namespace Enswitch.Client.Transport;

/// <summary>
/// The members every forward-only, read-only stream of the SDK shares, so that each stream states only
/// how it reads.
/// </summary>
internal abstract class ReadOnlyStream : Stream
{
    private long _position;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

#if NET
    public abstract override int Read(Span<byte> buffer);

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);
#else
    // netstandard2.0's Stream has no span overloads; the SDK's streams are written against them all the same.
    public abstract int Read(Span<byte> buffer);

    public abstract ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);
#endif

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Counts bytes handed to the reader, for <see cref="Position"/>.</summary>
    protected int Advance(int count)
    {
        _position += count;
        return count;
    }
}
