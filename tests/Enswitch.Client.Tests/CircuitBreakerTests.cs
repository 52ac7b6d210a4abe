using Enswitch.Client.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Enswitch.Client.Tests;

/// <summary>
/// The SDK's own circuit breaker (faults.md T15): the behaviour of Polly's advanced breaker that the SDK relied on
/// (failure ratio of one half, minimum throughput, rolling sampling window, one trial call after the break), and
/// counts that stay exact when many calls end at once on the lock-free path.
/// </summary>
public class CircuitBreakerTests
{
    private static readonly TimeSpan Sampling = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(15);

    private static readonly Exception Failure = new InvalidOperationException("503");

    private static (CircuitBreaker Breaker, FakeTimeProvider Time) Create(int minimumThroughput = 4)
    {
        var time = new FakeTimeProvider();
        return (new CircuitBreaker(time, minimumThroughput, Sampling, Break), time);
    }

    [Fact]
    public void StaysClosed_WhileFewerCallsThanTheMinimumThroughputEnded()
    {
        var (breaker, _) = Create(minimumThroughput: 4);

        for (var i = 0; i < 3; i++)
        {
            breaker.Record(Failure);
        }

        Assert.True(breaker.TryEnter());
    }

    [Fact]
    public void StaysClosed_WhileFewerThanHalfTheCallsFailed()
    {
        var (breaker, _) = Create(minimumThroughput: 4);

        for (var i = 0; i < 6; i++)
        {
            breaker.Record(null);
        }

        for (var i = 0; i < 5; i++)
        {
            breaker.Record(Failure);
        }

        Assert.True(breaker.TryEnter());
        breaker.Record(Failure);
        Assert.False(breaker.TryEnter());
    }

    [Fact]
    public void Opens_AtHalfTheCallsFailed_AndRefusesEveryCallUntilTheBreakEnds()
    {
        var (breaker, time) = Create(minimumThroughput: 4);
        breaker.Record(null);
        breaker.Record(null);
        breaker.Record(Failure);
        breaker.Record(Failure);

        Assert.False(breaker.TryEnter());
        time.Advance(Break - TimeSpan.FromMilliseconds(1));
        Assert.False(breaker.TryEnter());
    }

    [Fact]
    public void AfterTheBreak_LetsOneTrialThrough_AndClosesWhenItSucceeds()
    {
        var (breaker, time) = Create(minimumThroughput: 2);
        breaker.Record(Failure);
        breaker.Record(Failure);
        time.Advance(Break);

        Assert.True(breaker.TryEnter());
        Assert.False(breaker.TryEnter());
        breaker.Record(null);

        Assert.True(breaker.TryEnter());
        Assert.True(breaker.TryEnter());
    }

    [Fact]
    public void AfterTheBreak_OpensAgainForAWholeBreakWhenTheTrialFails()
    {
        var (breaker, time) = Create(minimumThroughput: 2);
        breaker.Record(Failure);
        breaker.Record(Failure);
        time.Advance(Break);

        Assert.True(breaker.TryEnter());
        breaker.Record(Failure);

        Assert.False(breaker.TryEnter());
        time.Advance(Break - TimeSpan.FromMilliseconds(1));
        Assert.False(breaker.TryEnter());
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(breaker.TryEnter());
    }

    [Fact]
    public void ForgetsTheFailuresOfTheLastCircuit_WhenItCloses()
    {
        var (breaker, time) = Create(minimumThroughput: 4);
        for (var i = 0; i < 4; i++)
        {
            breaker.Record(Failure);
        }

        time.Advance(Break);
        Assert.True(breaker.TryEnter());
        breaker.Record(null);

        // Had the four failures before the break still counted, three more would make 7 of 8.
        for (var i = 0; i < 3; i++)
        {
            breaker.Record(Failure);
        }

        Assert.True(breaker.TryEnter());
    }

    [Fact]
    public void CountsOnlyTheSamplingDuration_FailuresOlderThanItDoNotOpenTheCircuit()
    {
        var (breaker, time) = Create(minimumThroughput: 4);
        breaker.Record(Failure);
        breaker.Record(Failure);
        breaker.Record(Failure);
        time.Advance(Sampling);

        breaker.Record(Failure);

        Assert.True(breaker.TryEnter());
    }

    [Fact]
    public void CountsFailuresSpreadOverTheSamplingDuration()
    {
        var (breaker, time) = Create(minimumThroughput: 4);
        for (var i = 0; i < 4; i++)
        {
            breaker.Record(Failure);
            time.Advance(Sampling / 5);
        }

        Assert.False(breaker.TryEnter());
    }

    [Fact]
    public async Task LosesNoCount_WhenManyCallsEndAtOnce()
    {
        var (breaker, _) = Create(minimumThroughput: 2);
        using var start = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.Wait();
            for (var i = 0; i < 5_000; i++)
            {
                breaker.Record(null);
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(callers);

        // 40,000 successes: 39,999 failures stay under half, one more reaches it.
        for (var i = 0; i < 39_999; i++)
        {
            breaker.Record(Failure);
        }

        Assert.True(breaker.TryEnter());
        breaker.Record(Failure);
        Assert.False(breaker.TryEnter());
    }

    [Fact]
    public void CountsAFailureForAtLeastTheSamplingDuration_WhenItFellInTheMiddleOfAWindow()
    {
        var (breaker, time) = Create(minimumThroughput: 2);
        time.Advance(TimeSpan.FromSeconds(2.9));
        breaker.Record(Failure);

        time.Advance(Sampling - TimeSpan.FromSeconds(0.1));
        breaker.Record(Failure);

        Assert.False(breaker.TryEnter());
    }

    [Fact]
    public void KeepsTheLastFailureThatCounted_ForTheRefusalToCarry_AndForgetsItWhenItCloses()
    {
        var (breaker, time) = Create(minimumThroughput: 2);
        var last = new InvalidOperationException("the second");
        breaker.Record(Failure);
        breaker.Record(last);

        Assert.Same(last, breaker.LastFailure);
        time.Advance(Break);
        Assert.True(breaker.TryEnter());
        breaker.Record(null);
        Assert.Null(breaker.LastFailure);
    }
}
