namespace Enswitch.Client;

/// <summary>
/// A response arrived but could not be used: an HTML page from a proxy, malformed or truncated JSON, an
/// envelope without a usable code, missing data, a redirect, or a body larger than
/// <see cref="EnswitchClientOptions.MaxResponseBytes"/>.
/// </summary>
public sealed class EnswitchProtocolException : EnswitchException
{
    /// <summary>Initializes a new instance of the <see cref="EnswitchProtocolException"/> class.</summary>
    public EnswitchProtocolException()
        : this("The Enswitch server's response could not be used.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EnswitchProtocolException"/> class with a message.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    public EnswitchProtocolException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EnswitchProtocolException"/> class with a message and a cause.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public EnswitchProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal EnswitchProtocolException(string message, in FailureFacts facts, string bodySnippet, Exception? innerException)
        : base(message, facts, innerException)
    {
        BodySnippet = bodySnippet;
    }

    /// <summary>
    /// Gets the start of the response body, at most a few hundred characters, scrubbed of the password,
    /// the token and line breaks; empty when there was no body.
    /// </summary>
    public string BodySnippet { get; init; } = string.Empty;
}
