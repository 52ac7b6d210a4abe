namespace Enswitch.Client;

/// <summary>
/// Code 404: the object does not exist, or it exists but this user may not see or change it. Enswitch does not tell the two apart.
/// </summary>
public sealed class NotFoundException : EnswitchApiException
{
    /// <summary>Initializes a new instance of the <see cref="NotFoundException"/> class.</summary>
    public NotFoundException()
        : this("The Enswitch object was not found or is not visible to this user.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NotFoundException"/> class with a message.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    public NotFoundException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NotFoundException"/> class with a message and a cause.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public NotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = 404;
    }

    internal NotFoundException(string message, in FailureFacts facts, in ApiAnswer answer, Exception? innerException = null)
        : base(message, facts, answer, innerException)
    {
    }
}
