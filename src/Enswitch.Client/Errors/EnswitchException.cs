using Enswitch.Client.Transport;

namespace Enswitch.Client;

/// <summary>
/// The base of every error the SDK raises for a call that did not succeed, after the retries it was
/// allowed. Catch it to handle every Enswitch failure in one place.
/// </summary>
/// <remarks>
/// Messages never hold the password, a token, the request body or a query string; anything quoted
/// from the server is scrubbed of them first.
/// </remarks>
public class EnswitchException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="EnswitchException"/> class.</summary>
    public EnswitchException()
        : this("The Enswitch call failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EnswitchException"/> class with a message.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    public EnswitchException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EnswitchException"/> class with a message and a cause.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public EnswitchException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Function = string.Empty;
    }

    internal EnswitchException(string message, in FailureFacts facts, Exception? innerException = null)
        : base(message, innerException)
    {
        Function = facts.Function;
        Failure = facts.Failure;
        Code = facts.Code;
        HttpStatus = facts.HttpStatus;
        Attempts = facts.Attempts;
        OutcomeUnknown = facts.OutcomeUnknown;
        RequestSent = facts.RequestSent;
        RetryAfter = facts.RetryAfter;
    }

    /// <summary>
    /// Gets the Enswitch function that was called, for example <c>recording/groups/create</c>.
    /// </summary>
    public string Function { get; init; }

    /// <summary>
    /// Gets the code from the response envelope, such as 400 or 404, or <see langword="null"/> when no
    /// usable envelope arrived.
    /// </summary>
    public int? Code { get; init; }

    /// <summary>
    /// Gets the HTTP status of the last response, or <see langword="null"/> when no response arrived.
    /// Enswitch normally answers HTTP 200 even for errors; the envelope <see cref="Code"/> is what counts.
    /// </summary>
    public int? HttpStatus { get; init; }

    /// <summary>
    /// Gets how many attempts were made, the first included; 0 when the call was never sent because
    /// the login it needed failed (token authentication).
    /// </summary>
    public int Attempts { get; init; } = 1;

    /// <summary>
    /// Gets a value indicating whether the request may have reached the server. It is
    /// <see langword="false"/> only when the SDK can prove nothing was sent: the connection was refused,
    /// the host did not resolve, the circuit was open, or the login the call needed failed. Then it is
    /// safe to try the call again later, whatever its kind.
    /// </summary>
    public bool RequestSent { get; init; } = true;

    /// <summary>
    /// Gets a value indicating whether a call that is not safe to repeat (such as a create) may or may
    /// not have been carried out by the server. When it is <see langword="true"/>, look (for example list
    /// the record groups) before trying again, or the object may be created twice.
    /// </summary>
    public bool OutcomeUnknown { get; init; }

    /// <summary>
    /// Gets the delay the server asked for with <c>Retry-After</c>, when the SDK did not wait for it
    /// because it exceeded what was left of the total timeout; otherwise <see langword="null"/>.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }

    internal FailureClass Failure { get; }
}
