namespace Enswitch.Client;

/// <summary>
/// What repeating a call would do on the server. It decides which failures the SDK retries and when
/// <see cref="EnswitchException.OutcomeUnknown"/> is set (see the README's "Retries and OutcomeUnknown").
/// </summary>
public enum OperationKind
{
    /// <summary>Reads only (list, get): safe to repeat; retried after any transient failure.</summary>
    Read = 0,

    /// <summary>A create or update sent with <c>validation=1</c>, which writes nothing: retried like a read.</summary>
    ValidateOnly = 1,

    /// <summary>A write that gives the same result when repeated (update, copy): retried like a read.</summary>
    IdempotentWrite = 2,

    /// <summary>
    /// A write that acts again when repeated (create, start). Enswitch has no idempotency key, so it is
    /// retried only when a failure proves nothing was sent; otherwise the outcome is unknown.
    /// </summary>
    NonIdempotent = 3,
}
