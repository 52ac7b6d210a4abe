namespace Enswitch.Client;

/// <summary>
/// Code 401: the credentials (or the authentication token) were not accepted. Check the user name and password; retrying does not help.
/// </summary>
public sealed class AuthenticationException : EnswitchApiException
{
    /// <summary>Initializes a new instance of the <see cref="AuthenticationException"/> class.</summary>
    public AuthenticationException()
        : this("The Enswitch server did not accept the credentials.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AuthenticationException"/> class with a message.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    public AuthenticationException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AuthenticationException"/> class with a message and a cause.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public AuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = 401;
    }

    internal AuthenticationException(string message, in FailureFacts facts, in ApiAnswer answer, Exception? innerException = null)
        : base(message, facts, answer, innerException)
    {
    }
}
