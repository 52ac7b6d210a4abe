using Enswitch.Client.Transport;

namespace Enswitch.Client;

/// <summary>
/// No usable response arrived: the connection could not be made or broke, the call timed out, or an
/// open circuit breaker refused it.
/// </summary>
public sealed class EnswitchTransportException : EnswitchException
{
    private bool _requestSent;

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
        RequestSent = true;
    }

    internal EnswitchTransportException(string message, string function, FailureClass failure, Exception? innerException = null)
        : base(message, function, failure, innerException)
    {
        RequestSent = failure is not (FailureClass.NotSent or FailureClass.CircuitOpen);
    }

    /// <summary>
    /// Gets a value indicating whether the request may have reached the server. It is
    /// <see langword="false"/> only when the SDK can prove nothing was sent (the connection was refused,
    /// the host did not resolve, the circuit was open).
    /// </summary>
    public bool RequestSent { get => _requestSent; init => _requestSent = value; }

    internal void SetRequestSent(bool requestSent) => _requestSent = requestSent;
}
