namespace Enswitch.Client.Transport;

/// <summary>
/// Why an attempt failed, in the terms the retry decision needs.
/// </summary>
internal enum FailureClass
{
    /// <summary>Proven not sent: DNS failure, connection refused, TLS failure, body never started.</summary>
    NotSent,

    /// <summary>Sent, or possibly sent, and no complete answer: closed, reset, timed out, body stalled.</summary>
    NoAnswer,

    /// <summary>An answer that says "try later": HTTP 408, 429, 500, 502, 503, 504, or an HTML page from a proxy.</summary>
    TransientStatus,

    /// <summary>An HTTP answer that will not improve by repeating: 501, 505, a redirect, other non-2xx statuses.</summary>
    PermanentStatus,

    /// <summary>An HTTP 2xx answer whose body is unusable: not JSON, malformed, too large, data missing.</summary>
    InvalidResponse,

    /// <summary>A well-formed envelope with a client error code (400-499): the server refused, nothing was done.</summary>
    ApiError,

    /// <summary>A well-formed envelope with a server error code (500 and above).</summary>
    ApiServerError,

    /// <summary>The circuit breaker refused the call before anything was sent.</summary>
    CircuitOpen,
}
