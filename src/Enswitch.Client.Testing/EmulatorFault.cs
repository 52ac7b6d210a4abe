namespace Enswitch.Client.Testing;

/// <summary>
/// A misbehaviour the emulator shows, on demand, instead of serving a request normally. Inject one with
/// <see cref="EnswitchEmulator.InjectFault(string, EmulatorFault, int)"/>, or choose one per request with
/// <see cref="EnswitchEmulator.SetFaultSelector(Func{string, EmulatorFault?}?)"/>.
/// </summary>
/// <remarks>
/// <para>
/// By default a fault replaces the function: nothing is applied. <see cref="AfterApplying"/> makes the
/// emulator apply the function first (a create is stored) and only then misbehave, as a server does when
/// it fails after committing; <see cref="DelayThenApply(TimeSpan)"/> applies it late, even after the client
/// gave up.
/// </para>
/// <para>
/// In memory (<see cref="EnswitchEmulator.StartInMemoryAsync"/>) every fault reaches the client as it does over a
/// socket: the request body is written before the emulator runs; a connection the emulator closes
/// (<see cref="CloseAfterRequest"/>, <see cref="CloseBeforeRequest"/>) is an <see cref="HttpRequestException"/> around an
/// <see cref="IOException"/> around a <see cref="System.Net.Sockets.SocketException"/> with
/// <see cref="System.Net.Sockets.SocketError.ConnectionReset"/>, as .NET's socket handler reports Kestrel's reset; a body
/// shorter than its Content-Length fails its read with an <see cref="HttpIOException"/>
/// (<see cref="HttpRequestError.ResponseEnded"/>); the client's cancellation ends a wait at once with a
/// <see cref="TaskCanceledException"/> that carries its token, a read of a stalled body included; and a stopped emulator
/// refuses with <see cref="HttpRequestError.ConnectionError"/> before anything is sent.
/// </para>
/// </remarks>
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

    /// <summary>
    /// Gets the fault that closes the connection before the request body is read: the function is never
    /// applied, and the journal entry has no parameters.
    /// </summary>
    public static EmulatorFault CloseBeforeRequest { get; } = new(EmulatorFaultKind.CloseBeforeRequest, "close before request");

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

    /// <summary>
    /// Gets a value indicating whether the function is applied (a create stored) before the fault replaces
    /// or delays the answer; see <see cref="AfterApplying"/>.
    /// </summary>
    public bool AppliesFirst { get; private init; }

    /// <summary>
    /// Gets a value indicating whether the fault goes on when the client goes away: the delay of
    /// <see cref="DelayThenApply(TimeSpan)"/> runs to its end and the function is then applied anyway.
    /// </summary>
    public bool OutlivesClient { get; private init; }

    /// <summary>
    /// Creates a fault that waits before serving the request normally. The wait runs on
    /// <see cref="EnswitchEmulatorOptions.TimeProvider"/>, so a fake clock drives it, and it is armed before
    /// the request enters the journal: once <see cref="EnswitchEmulator.WaitForRequestAsync(string, int, CancellationToken)"/>
    /// returns the request, advancing the fake clock by <paramref name="duration"/> ends the wait. The client
    /// going away ends it too, and then nothing is applied.
    /// </summary>
    /// <param name="duration">How long to wait.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault Delay(TimeSpan duration) =>
        new(EmulatorFaultKind.Delay, $"delay {duration.TotalMilliseconds} ms") { Duration = duration };

    /// <summary>
    /// Creates a fault that waits, then applies the function even when the client has gone away in the
    /// meantime (for example after its attempt timeout), then answers if it still can: a write to a closed
    /// connection is ignored. Only stopping the emulator ends the wait early, and then nothing is applied.
    /// The wait runs on <see cref="EnswitchEmulatorOptions.TimeProvider"/>, like <see cref="Delay(TimeSpan)"/>.
    /// </summary>
    /// <param name="duration">How long to wait before applying the function.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault DelayThenApply(TimeSpan duration) =>
        new(EmulatorFaultKind.Delay, $"delay {duration.TotalMilliseconds} ms, then apply even if the client went away") { Duration = duration, OutlivesClient = true };

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

    /// <summary>
    /// Returns this fault made to apply the function first: the request is served (a create is stored,
    /// its answer built) and only then does the fault close the connection, hang, answer with its own
    /// status and body instead, or delay the answer. The journal's <see cref="EmulatorRequest.Fault"/>
    /// says <c>after applying</c>.
    /// </summary>
    /// <returns>A new fault of the same kind that applies the function first.</returns>
    /// <exception cref="InvalidOperationException">
    /// The fault is <see cref="CloseBeforeRequest"/> (which never reads the request) or already outlives the client.
    /// </exception>
    public EmulatorFault AfterApplying()
    {
        if (Kind == EmulatorFaultKind.CloseBeforeRequest || OutlivesClient)
        {
            throw new InvalidOperationException($"The fault '{Description}' cannot apply the function first.");
        }

        return AppliesFirst ? this : new(Kind, Description + ", after applying")
        {
            Duration = Duration,
            StatusCode = StatusCode,
            Body = Body,
            ContentType = ContentType,
            Headers = Headers,
            Length = Length,
            SentLength = SentLength,
            AppliesFirst = true,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => Description;
}
