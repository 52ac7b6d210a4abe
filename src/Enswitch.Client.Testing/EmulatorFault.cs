namespace Enswitch.Client.Testing;

/// <summary>
/// A misbehaviour the emulator shows, on demand, instead of serving a request normally. Inject one with
/// <see cref="EnswitchEmulator.InjectFault(string, EmulatorFault, int)"/>.
/// </summary>
public sealed class EmulatorFault
{
    private EmulatorFault(EmulatorFaultKind kind, string description)
    {
        Kind = kind;
        Description = description;
    }

    /// <summary>Gets the fault that reads the whole request and then closes the connection without answering.</summary>
    public static EmulatorFault CloseAfterRequest { get; } = new(EmulatorFaultKind.CloseAfterRequest, "close after request");

    /// <summary>Gets the fault that reads the request and never answers, until the client goes away.</summary>
    public static EmulatorFault Hang { get; } = new(EmulatorFaultKind.Hang, "hang");

    /// <summary>Gets the fault that sends the response headers (HTTP 200) and then never sends the body.</summary>
    public static EmulatorFault StallBody { get; } = new(EmulatorFaultKind.StallBody, "stall body");

    /// <summary>Gets the fault that streams a body without end (until the client goes away, or 1 GiB).</summary>
    public static EmulatorFault EndlessBody { get; } = new(EmulatorFaultKind.EndlessBody, "endless body");

    /// <summary>Gets the kind of fault.</summary>
    public EmulatorFaultKind Kind { get; }

    /// <summary>Gets a short description, recorded in the journal.</summary>
    public string Description { get; }

    /// <summary>Gets the delay, for <see cref="EmulatorFaultKind.Delay"/>.</summary>
    public TimeSpan Duration { get; private init; }

    /// <summary>Gets the HTTP status to answer with, for <see cref="EmulatorFaultKind.Raw"/> and <see cref="EmulatorFaultKind.Envelope"/>.</summary>
    public int StatusCode { get; private init; } = 200;

    /// <summary>Gets the body to answer with, for <see cref="EmulatorFaultKind.Raw"/> and <see cref="EmulatorFaultKind.Envelope"/>.</summary>
    public string Body { get; private init; } = string.Empty;

    /// <summary>Gets the content type of <see cref="Body"/>.</summary>
    public string ContentType { get; private init; } = "text/plain";

    /// <summary>Gets extra response headers, for <see cref="EmulatorFaultKind.Raw"/>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; private init; } = new Dictionary<string, string>();

    /// <summary>Gets the declared body length, for <see cref="EmulatorFaultKind.ResetMidBody"/>, or the body size, for <see cref="EmulatorFaultKind.OversizedBody"/>.</summary>
    public long Length { get; private init; }

    /// <summary>Gets how many bytes are sent before the reset, for <see cref="EmulatorFaultKind.ResetMidBody"/>.</summary>
    public long SentLength { get; private init; }

    /// <summary>Creates a fault that waits before serving the request normally.</summary>
    /// <param name="duration">How long to wait.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault Delay(TimeSpan duration) =>
        new(EmulatorFaultKind.Delay, $"delay {duration.TotalMilliseconds} ms") { Duration = duration };

    /// <summary>
    /// Creates a fault that declares a body of <paramref name="declaredLength"/> bytes, sends
    /// <paramref name="sentLength"/> of them, then drops the connection.
    /// </summary>
    /// <param name="declaredLength">The Content-Length sent.</param>
    /// <param name="sentLength">The bytes actually sent; less than <paramref name="declaredLength"/>.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault ResetMidBody(long declaredLength = 100, long sentLength = 50)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sentLength, declaredLength);
        return new(EmulatorFaultKind.ResetMidBody, $"reset after {sentLength} of {declaredLength} bytes") { Length = declaredLength, SentLength = sentLength };
    }

    /// <summary>Creates a fault that answers with exactly this status, body and headers.</summary>
    /// <param name="statusCode">The HTTP status, for example 502, 503 or 307.</param>
    /// <param name="body">The body.</param>
    /// <param name="contentType">The body's content type.</param>
    /// <param name="headers">Extra headers, for example <c>Retry-After</c> or <c>Location</c>.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault Raw(int statusCode, string body = "", string contentType = "text/html", IReadOnlyDictionary<string, string>? headers = null) =>
        new(EmulatorFaultKind.Raw, $"raw HTTP {statusCode}")
        {
            StatusCode = statusCode,
            Body = body,
            ContentType = contentType,
            Headers = headers ?? new Dictionary<string, string>(),
        };

    /// <summary>Creates a fault that answers with this envelope JSON (or any text) as if it came from Enswitch.</summary>
    /// <param name="json">The body.</param>
    /// <param name="statusCode">The HTTP status (Enswitch normally answers 200).</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault Envelope(string json, int statusCode = 200) =>
        new(EmulatorFaultKind.Envelope, $"envelope HTTP {statusCode}") { StatusCode = statusCode, Body = json, ContentType = "application/json" };

    /// <summary>Creates a fault that answers HTTP 200 with a body of <paramref name="bytes"/> bytes of JSON-looking filler.</summary>
    /// <param name="bytes">The body size.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault OversizedBody(long bytes) =>
        new(EmulatorFaultKind.OversizedBody, $"oversized body {bytes} bytes") { Length = bytes };

    /// <inheritdoc/>
    public override string ToString() => Description;
}
