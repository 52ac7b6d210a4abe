namespace Enswitch.Client.Transport;

/// <summary>
/// The SDK's circuit breaker, with the behaviour of Polly's advanced circuit breaker (failure ratio, minimum throughput,
/// sampling duration in ten rolling windows, break duration, one trial call when half open), built so that the calls of
/// a healthy server share no lock: while the circuit is closed, a call reads one field before it starts and increments
/// one counter of the current window when it ends. A failure, and any call while the circuit is not closed, takes the
/// breaker's lock, as Polly's breaker does for every outcome. As in Polly, a window starts with the first call that ends
/// in it, lasts a tenth of the sampling duration, and stops counting once it started a whole sampling duration ago.
/// </summary>
internal sealed class CircuitBreaker
{
    private const int Closed = 0;
    private const int Open = 1;
    private const int HalfOpen = 2;
    private const int WindowCount = 10;
    private const double FailureRatio = 0.5;

    private readonly TimeProvider _time;
    private readonly int _minimumThroughput;
    private readonly long _breakTicks;
    private readonly long _windowTicks;
    // One slot more than the windows a sampling duration holds: the oldest still counts until it is a whole duration old.
    private readonly Window[] _windows = new Window[WindowCount + 1];
    private readonly long _samplingTicks;
    private int _current;
    private readonly object _gate = new();
    private int _state;
    private long _blockedUntil;
    private Exception? _lastFailure;

    public CircuitBreaker(TimeProvider time, int minimumThroughput, TimeSpan samplingDuration, TimeSpan breakDuration)
    {
        _time = time;
        _minimumThroughput = minimumThroughput;
        _breakTicks = ToTimestampTicks(time, breakDuration);
        _samplingTicks = Math.Max(1, ToTimestampTicks(time, samplingDuration));
        _windowTicks = Math.Max(1, _samplingTicks / WindowCount);
        for (var i = 0; i < _windows.Length; i++)
        {
            _windows[i] = new Window();
        }
    }

    /// <summary>
    /// Returns whether a call may start: always while the circuit is closed; when it is open, only once the break is over,
    /// and then for one trial call only, until that call's outcome closes or opens the circuit again.
    /// </summary>
    public bool TryEnter()
    {
        if (Volatile.Read(ref _state) == Closed)
        {
            return true;
        }

        lock (_gate)
        {
            if (_state == Open)
            {
                var now = _time.GetTimestamp();
                if (now >= _blockedUntil)
                {
                    // Another trial may start only after one more break, if this one never reports (as Polly does).
                    _state = HalfOpen;
                    _blockedUntil = now + _breakTicks;
                    return true;
                }
            }

            return _state == Closed;
        }
    }

    /// <summary>Gets the last failure that counted against the server, which a refusal carries as its cause (as Polly's does).</summary>
    public Exception? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>Records the outcome of a call that started.</summary>
    /// <param name="failure">The failure, when the outcome counts against the server (<see cref="RetryPolicy.CountsForCircuit"/>); otherwise <see langword="null"/>.</param>
    public void Record(Exception? failure)
    {
        var failed = failure is not null;
        if (!failed && Volatile.Read(ref _state) == Closed)
        {
            // The hot path: no lock, one counter.
            Interlocked.Increment(ref Current(_time.GetTimestamp()).Successes);
            return;
        }

        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var window = Current(now);
            if (!failed)
            {
                Interlocked.Increment(ref window.Successes);
                if (_state == HalfOpen)
                {
                    Close();
                }

                return;
            }

            Interlocked.Increment(ref window.Failures);
            Volatile.Write(ref _lastFailure, failure);
            if (_state == HalfOpen || (_state == Closed && ShouldBreak(now)))
            {
                _blockedUntil = now + _breakTicks;
                Volatile.Write(ref _state, Open);
            }
        }
    }

    // In the clock's own timestamp units, capped far below overflow when added to a timestamp.
    private static long ToTimestampTicks(TimeProvider time, TimeSpan duration) =>
        (long)Math.Min(duration.TotalSeconds * time.TimestampFrequency, long.MaxValue / 4);

    private bool ShouldBreak(long now)
    {
        long successes = 0;
        long failures = 0;
        foreach (var window in _windows)
        {
            var start = Volatile.Read(ref window.Start);
            if (start != Window.Unused && now - start < _samplingTicks)
            {
                successes += Volatile.Read(ref window.Successes);
                failures += Volatile.Read(ref window.Failures);
            }
        }

        var throughput = successes + failures;
        return throughput >= _minimumThroughput && failures >= FailureRatio * throughput;
    }

    private void Close()
    {
        foreach (var window in _windows)
        {
            lock (window)
            {
                window.Successes = 0;
                window.Failures = 0;
                window.Start = Window.Unused;
            }
        }

        _lastFailure = null;
        Volatile.Write(ref _state, Closed);
    }

    /// <summary>Returns the window of <paramref name="now"/>, starting the next one when the current one is a tenth of the sampling duration old.</summary>
    private Window Current(long now)
    {
        var window = _windows[Volatile.Read(ref _current)];
        var start = Volatile.Read(ref window.Start);
        if (start != Window.Unused && now - start < _windowTicks)
        {
            return window;
        }

        lock (_windows)
        {
            window = _windows[_current];
            if (window.Start != Window.Unused && now - window.Start < _windowTicks)
            {
                return window;
            }

            var next = (_current + 1) % _windows.Length;
            window = _windows[next];
            lock (window)
            {
                window.Successes = 0;
                window.Failures = 0;
                Volatile.Write(ref window.Start, now);
            }

            Volatile.Write(ref _current, next);
            return window;
        }
    }

    /// <summary>The counts of one tenth of the sampling duration.</summary>
    private sealed class Window
    {
        public const long Unused = long.MinValue;

        public long Start = Unused;
        public int Successes;
        public int Failures;
    }
}
