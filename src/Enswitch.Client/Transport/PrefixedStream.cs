namespace Enswitch.Client.Transport;

/// <summary>
/// A read-only stream that first returns bytes already read from another stream and then continues with
/// it: the SDK peeks at a body's start to tell a bare file from an envelope without losing any byte.
/// </summary>
internal sealed class PrefixedStream : ReadOnlyStream
{
    private const int MaxPrefix = 64;

    private readonly byte[] _prefix;
    private readonly Stream _inner;
    private int _offset;

    public PrefixedStream(byte[] prefix, Stream inner)
    {
        _prefix = prefix;
        _inner = inner;
    }

    public override bool CanRead => true;

    /// <summary>Reads until the first byte that is not a byte-order mark or white space (at most a few bytes), or the end.</summary>
    public static async Task<byte[]> ReadPrefixAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxPrefix];
        var length = 0;
        while (length < MaxPrefix)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length, 1), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            if (!IsPadding(buffer[length++]))
            {
                break;
            }
        }

        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>Returns whether the first significant byte opens a JSON object or an HTML page, or there is none.</summary>
    public static bool StartsLikeText(ReadOnlySpan<byte> prefix)
    {
        foreach (var b in prefix)
        {
            if (!IsPadding(b))
            {
                return b is (byte)'{' or (byte)'<';
            }
        }

        return true;
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

    // UTF-8 byte-order mark bytes and JSON white space.
    private static bool IsPadding(byte b) => b is 0xEF or 0xBB or 0xBF or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private int Take(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _prefix.Length - _offset);
        _prefix.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return Advance(count);
    }
}
