namespace Enswitch.Client.Transport;

/// <summary>
/// A read-only stream that first returns bytes already read from another stream and then continues with
/// it: the SDK peeks at a body's start to tell a bare file from an envelope without losing any byte.
/// </summary>
internal sealed class PrefixedStream : ReadOnlyStream
{
    private readonly byte[] _prefix;
    private readonly Stream _inner;
    private int _offset;

    public PrefixedStream(byte[] prefix, Stream inner)
    {
        _prefix = prefix;
        _inner = inner;
    }

    public override bool CanRead => true;

    /// <summary>
    /// Reads until the first byte that is not a byte-order mark or white space; when that byte could open a
    /// JSON object or an HTML page, reads on to <see cref="BareFileSniffer.PrefixLength"/> bytes (or the end)
    /// so that more than one byte decides.
    /// </summary>
    public static async Task<byte[]> ReadPrefixAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[BareFileSniffer.PrefixLength];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length, 1), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.AsSpan(0, length).ToArray();
            }

            var b = buffer[length++];
            if (!BareFileSniffer.IsPadding(b))
            {
                if (b is not ((byte)'{' or (byte)'<'))
                {
                    return buffer.AsSpan(0, length).ToArray();
                }

                break;
            }
        }

        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return buffer.AsSpan(0, length).ToArray();
    }

    public override int Read(Span<byte> buffer)
    {
        if (_offset < _prefix.Length)
        {
            return Take(buffer);
        }

        return Advance(_inner.Read(buffer));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_offset < _prefix.Length)
        {
            return Take(buffer.Span);
        }

        return Advance(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Take(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _prefix.Length - _offset);
        _prefix.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return Advance(count);
    }
}
