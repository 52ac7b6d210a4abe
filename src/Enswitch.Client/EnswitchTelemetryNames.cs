namespace Enswitch.Client;

/// <summary>
/// The names under which the SDK emits traces and metrics, for subscribing (<c>AddSource</c>, <c>AddMeter</c>) and for
/// filtering dashboards and alerts without string literals. Tag values are never URLs, bodies, usernames, passwords,
/// tokens or exception messages.
/// </summary>
public static class EnswitchTelemetryNames
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> that starts one client span per call.</summary>
    public const string ActivitySourceName = "Enswitch.Client";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> of the SDK's metrics.</summary>
    public const string MeterName = "Enswitch.Client";

    /// <summary>The histogram of call durations in seconds, from the first attempt to the result, retries and delays included.</summary>
    public const string OperationDurationMetric = "enswitch.client.operation.duration";

    /// <summary>The counter of attempts that failed and were tried again.</summary>
    public const string RetriesMetric = "enswitch.client.retries";

    /// <summary>The name of the span event added for each attempt that failed and is tried again.</summary>
    public const string RetryEvent = "enswitch.retry";

    /// <summary>The tag holding the function's wire name, for example <c>recording/groups/create</c>.</summary>
    public const string FunctionTag = "enswitch.function";

    /// <summary>The tag holding the function's kind: <c>read</c>, <c>validate_only</c>, <c>idempotent_write</c> or <c>non_idempotent</c>.</summary>
    public const string OperationKindTag = "enswitch.operation.kind";

    /// <summary>The tag holding the server's host name (OpenTelemetry's <c>server.address</c>).</summary>
    public const string ServerAddressTag = "server.address";

    /// <summary>The tag holding the server's port (OpenTelemetry's <c>server.port</c>).</summary>
    public const string ServerPortTag = "server.port";

    /// <summary>The tag holding the full name of the exception type a failed call ended with (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>The tag holding how a call or an attempt failed, for example <c>no_answer</c> or <c>api_error</c>.</summary>
    public const string FailureTag = "enswitch.failure";

    /// <summary>The span tag holding how many attempts a call made.</summary>
    public const string AttemptsTag = "enswitch.attempts";

    /// <summary>The retry event's tag holding the number of the attempt that failed.</summary>
    public const string AttemptTag = "enswitch.attempt";

    /// <summary>The span tag that is <see langword="true"/> when the server may or may not have carried out the call.</summary>
    public const string OutcomeUnknownTag = "enswitch.outcome_unknown";

    /// <summary>The span tag holding the envelope's response code.</summary>
    public const string CodeTag = "enswitch.code";

    /// <summary>The tag holding the HTTP status of a failed attempt or call (OpenTelemetry's <c>http.response.status_code</c>).</summary>
    public const string HttpStatusCodeTag = "http.response.status_code";

    /// <summary>The retry event's tag holding the delay before the next attempt, in seconds.</summary>
    public const string RetryDelayTag = "enswitch.retry.delay";
}
