namespace Enswitch.Client.Transport;

/// <summary>
/// The delay before a retry: exponential backoff with decorrelated jitter, the formula of Polly's retry strategy
/// (<c>DelayBackoffType.Exponential</c> with <c>UseJitter</c>), so that the SDK's delays are what they were when Polly's
/// built-in retry ran them: a median near <c>RetryDelay</c>, then twice that, four times, capped at the attempt timeout.
/// </summary>
internal static class RetryBackoff
{
    // Upper bound that keeps the conversion to ticks from overflowing (Polly's own margin).
    private static readonly double MaxTicks = (double)TimeSpan.MaxValue.Ticks - 1_000;

#if !NET
    private static readonly Random Shared = new();
#endif

    /// <summary>Returns the delay before retry number <paramref name="attempt"/> (0 for the first retry).</summary>
    /// <param name="attempt">How many retries came before this one.</param>
    /// <param name="baseDelay">The median first delay (<see cref="EnswitchClientOptions.RetryDelay"/>).</param>
    /// <param name="maxDelay">The longest delay.</param>
    /// <param name="state">The formula's running value, 0 before the first retry of a call.</param>
    /// <param name="random">The source of jitter; <see langword="null"/> for the shared one (a test passes a seeded one).</param>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, ref double state, Random? random = null)
    {
        if (baseDelay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // The decorrelated jitter formula by George Polevoy, as Polly adapted it (pFactor 4, scaling 1 / 1.4) and
        // published it under the BSD-3-Clause licence (Polly.Core, RetryHelper.DecorrelatedJitterBackoffV2).
        const double PFactor = 4.0;
        const double ScalingFactor = 1 / 1.4d;
        var t = attempt + (random?.NextDouble() ?? NextDouble());
        var next = Math.Pow(2, t) * Math.Tanh(Math.Sqrt(PFactor * t));
        if (double.IsInfinity(next))
        {
            state = next;
            return maxDelay;
        }

        var value = next - state;
        state = next;
        var delay = TimeSpan.FromTicks((long)Math.Min(value * ScalingFactor * baseDelay.Ticks, MaxTicks));
        return delay > maxDelay ? maxDelay : delay;
    }

#if NET
    private static double NextDouble() => Random.Shared.NextDouble();
#else
    private static double NextDouble()
    {
        lock (Shared)
        {
            return Shared.NextDouble();
        }
    }
#endif
}
