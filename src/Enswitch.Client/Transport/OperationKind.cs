namespace Enswitch.Client.Transport;

/// <summary>
/// What repeating a call would do on the server; it decides which failures may be retried
/// (design.md section 4).
/// </summary>
internal enum OperationKind
{
    /// <summary>Reads only (list, get): safe to repeat.</summary>
    Read,

    /// <summary>A create or update sent with <c>validation=1</c>: the server writes nothing.</summary>
    ValidateOnly,

    /// <summary>Writes that give the same result when repeated (update, copy).</summary>
    IdempotentWrite,

    /// <summary>Writes that act again when repeated (create, start): Enswitch has no idempotency key.</summary>
    NonIdempotent,
}
