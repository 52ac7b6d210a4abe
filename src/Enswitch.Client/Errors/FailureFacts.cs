using Enswitch.Client.Transport;

namespace Enswitch.Client;

/// <summary>
/// Everything the SDK knows about a failed call when it raises the exception, handed to the exception's
/// constructor so that the exception is complete and never changed after it is made.
/// </summary>
/// <param name="Function">The Enswitch function that was called.</param>
/// <param name="Failure">Why the last attempt failed, in the retry decision's terms.</param>
/// <param name="Attempts">How many attempts were made; 0 when the call was never sent (its login failed).</param>
/// <param name="OutcomeUnknown">Whether a call that is not safe to repeat may have been carried out.</param>
/// <param name="RequestSent">Whether any attempt may have reached the server.</param>
/// <param name="HttpStatus">The HTTP status of the last response, if one arrived.</param>
/// <param name="Code">The envelope code, if a usable envelope arrived.</param>
/// <param name="RetryAfter">The server's Retry-After, when it did not fit in what was left of the total timeout.</param>
internal readonly record struct FailureFacts(
    string Function,
    FailureClass Failure,
    int Attempts,
    bool OutcomeUnknown,
    bool RequestSent,
    int? HttpStatus = null,
    int? Code = null,
    TimeSpan? RetryAfter = null);
