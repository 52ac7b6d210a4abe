namespace Enswitch.Client;

/// <summary>
/// Code 400: an input parameter is invalid. <see cref="EnswitchApiException.Key"/> names it and <see cref="EnswitchApiException.ServerMessage"/> says why. Fix the request; retrying it unchanged fails again.
/// </summary>
public sealed class InvalidParameterException : EnswitchApiException
{
    /// <summary>Initializes a new instance of the <see cref="InvalidParameterException"/> class.</summary>
    public InvalidParameterException()
        : this("An input parameter was rejected by the Enswitch server.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidParameterException"/> class with a message.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    public InvalidParameterException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidParameterException"/> class with a message and a cause.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public InvalidParameterException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = 400;
    }

    internal InvalidParameterException(string message, in FailureFacts facts, in ApiAnswer answer, Exception? innerException = null)
        : base(message, facts, answer, innerException)
    {
    }
}
