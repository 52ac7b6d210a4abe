using Enswitch.Client.Transport;

namespace Enswitch.Client.Tests;

/// <summary>
/// The delays between retries (faults.md T1-T3): exponential with jitter, as Polly's retry strategy computed them before
/// the SDK ran its own strategy, never longer than the cap and never negative.
/// </summary>
public class RetryBackoffTests
{
    [Fact]
    public void NoBaseDelay_MeansNoDelay()
    {
        var state = 0d;

        Assert.Equal(TimeSpan.Zero, RetryBackoff.Delay(0, TimeSpan.Zero, TimeSpan.FromSeconds(5), ref state));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void StaysWithinTheBoundsOfPollysFormula(int retry)
    {
        // Polly's documentation of DecorrelatedJitterBackoffV2: the delay of try t lies between 0 and f * 2^(t+1).
        var random = new Random(12345);
        var baseDelay = TimeSpan.FromMilliseconds(100);
        var upper = baseDelay.Ticks * Math.Pow(2, retry + 1);
        for (var sample = 0; sample < 2_000; sample++)
        {
            var state = 0d;
            TimeSpan delay = default;
            for (var i = 0; i <= retry; i++)
            {
                delay = RetryBackoff.Delay(i, baseDelay, TimeSpan.FromHours(1), ref state, random);
            }

            Assert.InRange(delay.Ticks, 0, (long)upper);
        }
    }

    [Fact]
    public void Grows_EachRetryWaitsLongerThanTheOneBefore_AsAMedian()
    {
        var random = new Random(12345);
        var baseDelay = TimeSpan.FromMilliseconds(100);
        var medians = new double[3];
        for (var retry = 0; retry < 3; retry++)
        {
            var samples = new List<double>();
            for (var sample = 0; sample < 4_001; sample++)
            {
                var state = 0d;
                TimeSpan delay = default;
                for (var i = 0; i <= retry; i++)
                {
                    delay = RetryBackoff.Delay(i, baseDelay, TimeSpan.FromHours(1), ref state, random);
                }

                samples.Add(delay.TotalMilliseconds);
            }

            samples.Sort();
            medians[retry] = samples[samples.Count / 2];
        }

        // The first median is near f (Polly's scaling); later ones grow. Wide bounds, so that only a wrong formula fails.
        Assert.InRange(medians[0], 50, 150);
        Assert.InRange(medians[1] / medians[0], 1.1, 3);
        Assert.InRange(medians[2] / medians[1], 1.1, 3);
    }

    [Fact]
    public void NeverExceedsTheCap()
    {
        var random = new Random(12345);
        var cap = TimeSpan.FromSeconds(1);
        var state = 0d;
        for (var retry = 0; retry < 1_100; retry++)
        {
            Assert.InRange(RetryBackoff.Delay(retry, TimeSpan.FromSeconds(2), cap, ref state, random), TimeSpan.Zero, cap);
        }
    }
}
