using Enswitch.Client.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Enswitch.Client.Tests;

/// <summary>
/// The attempt's timed cancellation (faults.md T6, T7): it fires on the SDK's clock, and a source reused from the pool
/// never arrives already cancelled.
/// </summary>
public class CancellationSourcesTests
{
    [Fact]
    public void FiresOnTheGivenClock()
    {
        var time = new FakeTimeProvider();
        var source = CancellationSources.Rent(time, TimeSpan.FromSeconds(5));

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(source.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(source.IsCancellationRequested);
        CancellationSources.Return(time, source);
    }

    [Fact]
    public void ASourceThatFired_IsNeverHandedOutAgain()
    {
        var fired = CancellationSources.Rent(TimeProvider.System, TimeSpan.FromHours(1));
        fired.Cancel();
        CancellationSources.Return(TimeProvider.System, fired);

        var rented = Enumerable.Range(0, 64).Select(_ => CancellationSources.Rent(TimeProvider.System, TimeSpan.FromHours(1))).ToList();

        Assert.DoesNotContain(fired, rented);
        Assert.All(rented, s => Assert.False(s.IsCancellationRequested));
        rented.ForEach(s => CancellationSources.Return(TimeProvider.System, s));
    }
}
