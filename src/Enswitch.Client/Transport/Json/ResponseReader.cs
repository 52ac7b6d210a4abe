namespace Enswitch.Client.Transport;

/// <summary>
/// How a call turns a successful response into its result: the body cap to read under, the reader of a
/// successful envelope (which may keep the body, for a download), and optionally a pass-through that takes
/// a 2xx response that is not JSON as it is (a bare recording file, streamed).
/// </summary>
internal sealed class ResponseReader<T>
{
    public ResponseReader(Func<EnswitchEnvelope, ResponseBody, T> read, bool download = false, Func<HttpResponseMessage, Stream, T>? passThrough = null)
    {
        Read = read;
        Download = download;
        PassThrough = passThrough;
    }

    /// <summary>Gets the reader of a successful envelope; it runs inside the attempt.</summary>
    public Func<EnswitchEnvelope, ResponseBody, T> Read { get; }

    /// <summary>Gets a value indicating whether the body is a download, capped by MaxDownloadBytes instead of MaxResponseBytes.</summary>
    public bool Download { get; }

    /// <summary>
    /// Gets the taker of a 2xx response that is not an envelope, given the response (which it then owns) and
    /// its body stream; <see langword="null"/> for envelope-only calls.
    /// </summary>
    public Func<HttpResponseMessage, Stream, T>? PassThrough { get; }

    /// <summary>
    /// Creates a reader that only needs the envelope. Call sites keep the result in a static field, so a call
    /// allocates no reader.
    /// </summary>
    public static ResponseReader<T> Envelope(Func<EnswitchEnvelope, T> read) => new((envelope, _) => read(envelope));

    /// <summary>
    /// Creates a reader of the whole answer: the response (status and headers, whose secrets the scrubber masks) as well
    /// as the envelope. It also reads the answer the SDK takes as success without a 2xx code (a retried delete that
    /// found nothing).
    /// </summary>
    public static ResponseReader<T> Whole(Func<HttpResponseMessage, SecretScrubber, EnswitchEnvelope, T> read) =>
        new(static (_, _) => throw new InvalidOperationException("A whole-answer reader reads through ReadAnswer."))
        {
            ReadAnswer = read,
        };

    /// <summary>Gets the reader of the whole answer, or <see langword="null"/> for a reader of the envelope alone.</summary>
    public Func<HttpResponseMessage, SecretScrubber, EnswitchEnvelope, T>? ReadAnswer { get; private init; }
}
