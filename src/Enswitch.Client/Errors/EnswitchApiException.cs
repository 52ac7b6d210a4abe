namespace Enswitch.Client;

/// <summary>
/// The server answered with a well-formed envelope whose code is an error. The subclasses name the
/// documented codes; this class itself is raised for a code the guide does not document.
/// </summary>
public class EnswitchApiException : EnswitchException
{
    /// <summary>Initializes a new instance of the <see cref="EnswitchApiException"/> class.</summary>
    public EnswitchApiException()
        : this("The Enswitch server rejected the call.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EnswitchApiException"/> class with a message.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    public EnswitchApiException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EnswitchApiException"/> class with a message and a cause.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public EnswitchApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal EnswitchApiException(string message, in FailureFacts facts, in ApiAnswer answer, Exception? innerException = null)
        : base(message, facts, innerException)
    {
        Key = answer.Key;
        ServerMessage = answer.ServerMessage;
        Responses = answer.Responses;
    }

    /// <summary>
    /// Gets the <c>key</c> of the error entry: for a 400, the name of the offending parameter
    /// (for example <c>name</c>); otherwise usually empty.
    /// </summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>
    /// Gets the server's <c>message</c> for the error entry, scrubbed of secrets and line breaks and
    /// shortened to a bounded length.
    /// </summary>
    public string ServerMessage { get; init; } = string.Empty;

    /// <summary>
    /// Gets every entry of the envelope's <c>responses</c> array, in order, successes included.
    /// </summary>
    public IReadOnlyList<EnswitchResponseEntry> Responses { get; init; } = [];
}
