using System.Buffers;

namespace Enswitch.Client.Transport;

/// <summary>
/// Reads a response body into a pooled buffer, stopping at a byte cap so that an endless or huge
/// body cannot exhaust memory (faults.md H12). The caller returns the buffer with <see cref="Dispose"/>.
/// </summary>
internal sealed class ResponseBodyReader : IDisposable
{
    private byte[] _buffer;
    private int _length;

    private ResponseBodyReader(byte[] buffer) => _buffer = buffer;

    /// <summary>Gets the bytes read.</summary>
    public ReadOnlyMemory<byte> Body => _buffer.AsMemory(0, _length);

    /// <summary>Gets a value indicating whether the body was longer than the cap and was abandoned.</summary>
    public bool TooLarge { get; private set; }

    /// <summary>Reads the whole body, or up to <paramref name="maxBytes"/> and then stops.</summary>
    public static async Task<ResponseBodyReader> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            return new ResponseBodyReader(Array.Empty<byte>()) { TooLarge = true };
        }

        var cap = (int)Math.Min(maxBytes, int.MaxValue - 1);
        // One byte more than declared, so the end is seen without growing; never more than the cap.
        var initial = (int)Math.Min(declared is > 0 ? declared.Value + 1 : 4096, cap);
        var reader = new ResponseBodyReader(ArrayPool<byte>.Shared.Rent(initial));
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    if (reader._length == reader._buffer.Length)
                    {
                        if (reader._length >= cap)
                        {
                            // Full at the cap: one byte more means the body is too large. A one-byte probe,
                            // not a buffer of cap + 1 bytes, which the pool would round up to twice the cap.
                            reader.TooLarge = await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) > 0;
                            break;
                        }

                        reader.Grow(cap);
                    }

                    var read = await stream.ReadAsync(reader._buffer.AsMemory(reader._length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    reader._length += read;
                    if (reader._length > cap)
                    {
                        reader.TooLarge = true;
                        reader._length = cap;
                        break;
                    }
                }
            }

            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = Array.Empty<byte>();
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Grow(int limit)
    {
        var next = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, limit));
        _buffer.AsSpan(0, _length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }
}
