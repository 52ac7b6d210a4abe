namespace Enswitch.Client.Transport;

/// <summary>
/// Raised inside the parsers when a body is not a usable Enswitch envelope; the transport turns it
/// into an <see cref="EnswitchProtocolException"/> with the function, status and a scrubbed snippet.
/// </summary>
internal sealed class EnvelopeFormatException : Exception
{
    public EnvelopeFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
