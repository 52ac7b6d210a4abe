using System.Collections.Concurrent;

namespace Enswitch.Client.Transport;

/// <summary>
/// Timed cancellation sources for attempts. On the system clock they are pooled and reset after use
/// (<c>CancellationTokenSource.TryReset</c>), so a call that succeeds allocates none; a source that fired cannot be
/// reset and is dropped. On any other clock (a test's <c>FakeTimeProvider</c>) each comes from the clock itself, so its
/// timer runs on that clock. This is what Polly's timeout strategy does with its own pool.
/// </summary>
internal static class CancellationSources
{
    private const int MaxPooled = 1024;

#if NET
    private static readonly ConcurrentQueue<CancellationTokenSource> Pool = new();
    private static int _pooled;
#endif

    /// <summary>Returns a source that cancels itself after <paramref name="delay"/> on <paramref name="time"/>.</summary>
    public static CancellationTokenSource Rent(TimeProvider time, TimeSpan delay)
    {
#if NET
        if (ReferenceEquals(time, TimeProvider.System))
        {
            if (Pool.TryDequeue(out var pooled))
            {
                Interlocked.Decrement(ref _pooled);
            }
            else
            {
                pooled = new CancellationTokenSource();
            }

            pooled.CancelAfter(delay);
            return pooled;
        }
        return new CancellationTokenSource(delay, time);
#else
        return time.CreateCancellationTokenSource(delay);
#endif
    }

    /// <summary>Takes back a source from <see cref="Rent"/> once nothing uses its token any more.</summary>
    public static void Return(TimeProvider time, CancellationTokenSource source)
    {
#if NET
        if (ReferenceEquals(time, TimeProvider.System) && source.TryReset())
        {
            if (Interlocked.Increment(ref _pooled) <= MaxPooled)
            {
                Pool.Enqueue(source);
                return;
            }

            // The pool is full.
            Interlocked.Decrement(ref _pooled);
        }
#endif
        source.Dispose();
    }
}
