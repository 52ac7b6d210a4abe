namespace Enswitch.Client.Transport;

/// <summary>
/// The bucket boundaries of the call duration histogram, in seconds: the OpenTelemetry semantic conventions'
/// boundaries for HTTP request durations (5 ms to 10 s), stretched to the SDK's default total timeout of two
/// minutes. OpenTelemetry's own default boundaries (0 to 10000) are made for milliseconds and would put every
/// call under 5 s in one bucket. Compiled into Enswitch.Client, where it is the histogram's advice (.NET 9 and
/// later), and into Enswitch.Client.OpenTelemetry, where it is a view for the builds whose histogram cannot carry
/// advice, so that the two cannot drift apart.
/// </summary>
internal static class DurationBuckets
{
    /// <summary>Returns the boundaries, in seconds, in a new array the caller owns.</summary>
    /// <returns>The upper bounds of the buckets, ascending.</returns>
    public static double[] Seconds() => [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60, 120];
}
