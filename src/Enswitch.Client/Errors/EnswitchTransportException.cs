namespace Enswitch.Client;

/// <summary>
/// No usable response arrived: the connection could not be made or broke, the call timed out, or an
/// open circuit breaker refused it.
/// </summary>
public sealed class EnswitchTransportException : EnswitchException
{
    /// <summary>Initializes a new instance of the <see cref="EnswitchTransportException"/> class.</summary>
    public EnswitchTransportException()
        : this("The Enswitch server could not be reached.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EnswitchTransportException"/> class with a message.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    public EnswitchTransportException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EnswitchTransportException"/> class with a message and a cause.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public EnswitchTransportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal EnswitchTransportException(string message, in FailureFacts facts, Exception? innerException)
        : base(message, facts, innerException)
    {
    }
}
