using System.Buffers;

namespace Enswitch.Client.Transport;

/// <summary>
/// A response body read up to a byte cap (faults.md H12), held once: in one buffer when the length is
/// declared, otherwise in pooled segments, so a large download costs its size and no more (no doubling
/// copies). Dispose it to return the buffers; <see cref="Detach"/> hands them to a result that outlives
/// the attempt (a recording download).
/// </summary>
internal sealed class ResponseBody : IDisposable
{
    private const int SegmentSize = 64 * 1024;
    private const int PooledLimit = 1024 * 1024;

    private readonly List<byte[]> _segments = new(1);
    private readonly bool _pooled;
    private int _lastLength;

    private ResponseBody(bool pooled) => _pooled = pooled;

    /// <summary>Gets a value indicating whether the body was longer than the cap and was abandoned.</summary>
    public bool TooLarge { get; private set; }

    /// <summary>Gets the body length read.</summary>
    public long Length { get; private set; }

    /// <summary>Gets the bytes read, as one sequence.</summary>
    public ReadOnlySequence<byte> Sequence => BufferSegment.Create(_segments, _lastLength);

    /// <summary>Reads the whole body, or up to <paramref name="maxBytes"/> and then stops.</summary>
#if NET
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    public static async ValueTask<ResponseBody> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken, Stream? started = null)
    {
        var declared = content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            return new ResponseBody(pooled: false) { TooLarge = true };
        }

        // A declared length gets one exact buffer (and one spare byte to see the end); a large one comes
        // from the heap, not the pool, which would round it up to the next power of two.
        var first = declared is { } length ? (int)Math.Min(Math.Min(length + 1, maxBytes + 1), int.MaxValue - 64) : SegmentSize;
        var pooled = first <= PooledLimit;
        var body = new ResponseBody(pooled);
        try
        {
            body.AddSegment(first);
            // A body whose first bytes were already read (to tell a bare file from an envelope) continues from them.
            var stream = started ?? await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#if NET
            await using (stream.ConfigureAwait(false))
#else
            using (stream)
#endif
            {
                while (true)
                {
                    var segment = body._segments[^1];
                    if (body._lastLength == segment.Length)
                    {
                        body.AddSegment(SegmentSize);
                        segment = body._segments[^1];
                    }

                    var read = await stream.ReadAsync(segment.AsMemory(body._lastLength), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return body;
                    }

                    body._lastLength += read;
                    body.Length += read;
                    if (body.Length > maxBytes)
                    {
                        body.TooLarge = true;
                        return body;
                    }
                }
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>Moves the buffers into a new owner and leaves this instance empty.</summary>
    public ResponseBody Detach()
    {
        var owner = new ResponseBody(_pooled) { Length = Length, _lastLength = _lastLength };
        owner._segments.AddRange(_segments);
        _segments.Clear();
        _lastLength = 0;
        Length = 0;
        return owner;
    }

    /// <summary>Returns pooled buffers to the pool.</summary>
    public void Dispose()
    {
        if (_pooled)
        {
            foreach (var segment in _segments)
            {
                ArrayPool<byte>.Shared.Return(segment);
            }
        }

        _segments.Clear();
        _lastLength = 0;
        Length = 0;
    }

    private void AddSegment(int size)
    {
        _segments.Add(_pooled ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size));
        _lastLength = 0;
    }
}
