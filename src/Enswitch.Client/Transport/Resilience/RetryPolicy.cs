namespace Enswitch.Client.Transport;

/// <summary>
/// The one table that decides, from the kind of operation and the kind of failure, whether a call is
/// tried again and whether its outcome is unknown (design.md section 4).
/// </summary>
internal static class RetryPolicy
{
    /// <summary>Returns whether a failure of this class may be retried for this kind of operation.</summary>
    public static bool ShouldRetry(OperationKind kind, FailureClass failure) => failure switch
    {
        // Nothing reached the server, so even a create can go again.
        FailureClass.NotSent => true,
        // An envelope code 500 or above is the server's own internal error: worth another try when
        // repeating is safe, like an HTTP 500 (design.md section 4).
        FailureClass.NoAnswer or FailureClass.TransientStatus or FailureClass.ApiServerError => kind != OperationKind.NonIdempotent,
        _ => false,
    };

    /// <summary>
    /// Returns whether the caller cannot know if the server carried out a non-idempotent call that
    /// failed this way. Only a proven not-sent failure or a well-formed refusal (4xx envelope) is known.
    /// </summary>
    public static bool IsOutcomeUnknown(OperationKind kind, FailureClass failure) =>
        kind == OperationKind.NonIdempotent &&
        failure is not (FailureClass.NotSent or FailureClass.CircuitOpen or FailureClass.ApiError);

    /// <summary>Returns whether the circuit breaker counts this failure against the server.</summary>
    public static bool CountsForCircuit(FailureClass failure) =>
        failure is FailureClass.NotSent or FailureClass.NoAnswer or FailureClass.TransientStatus or FailureClass.ApiServerError;
}
