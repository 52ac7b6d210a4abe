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

    /// <summary>
    /// Gets a value indicating whether the answer shows the server may have written something the
    /// caller did not ask to write (a validation-only call answered as a real create).
    /// </summary>
    public bool MayHaveApplied { get; init; }
}
