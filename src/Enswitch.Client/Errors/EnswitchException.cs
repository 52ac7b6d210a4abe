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
    private int? _httpStatus;
    private int _attempts = 1;
    private bool _outcomeUnknown;
    private TimeSpan? _retryAfter;

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

    internal EnswitchException(string message, string function, FailureClass failure, Exception? innerException = null)
        : base(message, innerException)
    {
        Function = function;
        Failure = failure;
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
    public int? HttpStatus { get => _httpStatus; init => _httpStatus = value; }

    /// <summary>
    /// Gets how many attempts were made, the first included.
    /// </summary>
    public int Attempts { get => _attempts; init => _attempts = value; }

    /// <summary>
    /// Gets a value indicating whether a call that is not safe to repeat (such as a create) may or may
    /// not have been carried out by the server. When it is <see langword="true"/>, look (for example list
    /// the record groups) before trying again, or the object may be created twice.
    /// </summary>
    public bool OutcomeUnknown { get => _outcomeUnknown; init => _outcomeUnknown = value; }

    /// <summary>
    /// Gets the delay the server asked for with <c>Retry-After</c>, when the SDK did not wait for it
    /// because it exceeded what was left of the total timeout; otherwise <see langword="null"/>.
    /// </summary>
    public TimeSpan? RetryAfter { get => _retryAfter; init => _retryAfter = value; }

    internal FailureClass Failure { get; }

    internal void SetHttpStatus(int? httpStatus) => _httpStatus = httpStatus;

    internal void SetOutcome(int attempts, bool outcomeUnknown)
    {
        _attempts = attempts;
        _outcomeUnknown = outcomeUnknown;
    }

    internal void MarkOutcomeUnknown() => _outcomeUnknown = true;

    internal void SetRetryAfter(TimeSpan retryAfter) => _retryAfter = retryAfter;
}
