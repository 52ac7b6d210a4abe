namespace Enswitch.Client;

/// <summary>
/// Code 403: the user's rate plan does not permit this function. Change the rate plan's permissions in Enswitch.
/// </summary>
public sealed class RatePlanDeniedException : EnswitchApiException
{
    /// <summary>Initializes a new instance of the <see cref="RatePlanDeniedException"/> class.</summary>
    public RatePlanDeniedException()
        : this("The Enswitch user's rate plan does not permit this function.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RatePlanDeniedException"/> class with a message.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    public RatePlanDeniedException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RatePlanDeniedException"/> class with a message and a cause.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public RatePlanDeniedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = 403;
    }

    internal RatePlanDeniedException(string message, in FailureFacts facts, in ApiAnswer answer, Exception? innerException = null)
        : base(message, facts, answer, innerException)
    {
    }
}
