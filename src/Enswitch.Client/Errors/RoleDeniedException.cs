namespace Enswitch.Client;

/// <summary>
/// Code 402: the user's role does not permit this function. In Enswitch 402 means a role privilege is missing, not that payment is required; grant the role in Enswitch.
/// </summary>
public sealed class RoleDeniedException : EnswitchApiException
{
    /// <summary>Initializes a new instance of the <see cref="RoleDeniedException"/> class.</summary>
    public RoleDeniedException()
        : this("The Enswitch user's role does not permit this function.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RoleDeniedException"/> class with a message.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    public RoleDeniedException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RoleDeniedException"/> class with a message and a cause.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public RoleDeniedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = 402;
    }

    internal RoleDeniedException(string message, in FailureFacts facts, in ApiAnswer answer, Exception? innerException = null)
        : base(message, facts, answer, innerException)
    {
    }
}
