using Enswitch.Client;

namespace OpenTelemetry.Trace;

/// <summary>
/// Adds the traces of Enswitch.Client to an OpenTelemetry <see cref="TracerProviderBuilder"/>.
/// </summary>
public static class EnswitchClientTracerProviderBuilderExtensions
{
    /// <summary>
    /// Collects the span that Enswitch.Client starts for each call, from the <see cref="System.Diagnostics.ActivitySource"/>
    /// named <see cref="EnswitchTelemetryNames.ActivitySourceName"/>: one span of kind Client per call, named after the
    /// function (for example <c>recording/groups/create</c>), from the first attempt to the result, retries included, with
    /// the tags <see cref="EnswitchTelemetryNames"/> names. A failed call's span has status Error and the exception's type
    /// in <see cref="EnswitchTelemetryNames.ErrorTypeTag"/>. Add HttpClient's instrumentation as well to see each
    /// attempt's HTTP span as a child of the call's span.
    /// </summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static TracerProviderBuilder AddEnswitchClientInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        return builder.AddSource(EnswitchTelemetryNames.ActivitySourceName);
    }
}
