using Enswitch.Client;
using Enswitch.Client.Transport;

namespace OpenTelemetry.Metrics;

/// <summary>
/// Adds the metrics of Enswitch.Client to an OpenTelemetry <see cref="MeterProviderBuilder"/>.
/// </summary>
public static class EnswitchClientMeterProviderBuilderExtensions
{
    /// <summary>
    /// Collects the metrics of Enswitch.Client, from the <see cref="System.Diagnostics.Metrics.Meter"/> named
    /// <see cref="EnswitchTelemetryNames.MeterName"/>: the call duration histogram
    /// (<see cref="EnswitchTelemetryNames.OperationDurationMetric"/>, in seconds, one measurement per call) and the retry
    /// counter (<see cref="EnswitchTelemetryNames.RetriesMetric"/>). The duration histogram gets buckets from 5 ms to
    /// 120 s instead of OpenTelemetry's default boundaries, which are made for milliseconds.
    /// </summary>
    /// <remarks>
    /// On .NET 9 and later the SDK's histogram carries those boundaries as advice, and a view of your own for the
    /// instrument replaces them. In the netstandard2.0 and net8.0 builds the histogram cannot carry advice, so this
    /// method adds a view with them; to choose other boundaries there, call
    /// <c>AddMeter(EnswitchTelemetryNames.MeterName)</c> and add your own view instead of calling this method, since
    /// two views of one instrument export it twice.
    /// </remarks>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static MeterProviderBuilder AddEnswitchClientInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddMeter(EnswitchTelemetryNames.MeterName);
#if !NET9_0_OR_GREATER
        // This build goes with the SDK's netstandard2.0 or net8.0 build, whose histogram has no advice (InstrumentAdvice
        // is in System.Diagnostics.DiagnosticSource 9): the view gives it the boundaries the advice gives on .NET 9+.
        builder.AddView(static instrument =>
            instrument.Meter.Name == EnswitchTelemetryNames.MeterName && instrument.Name == EnswitchTelemetryNames.OperationDurationMetric
                ? new ExplicitBucketHistogramConfiguration { Boundaries = DurationBuckets.Seconds() }
                : null);
#endif
        return builder;
    }
}
