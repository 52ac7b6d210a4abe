using System.Diagnostics;

namespace Enswitch.Client.Transport;

/// <summary>
/// Per-call bookkeeping shared by the attempts and by the retry decision. It is the state the resilience pipeline
/// hands to <see cref="EnswitchResilienceStrategy"/> and back to each attempt.
/// </summary>
internal class CallState
{
    public CallState(EnswitchFunction function, WirePayload payload, CallLimits limits, long startTimestamp, TimeSpan budget, SecretScrubber scrubber, CancellationToken callerToken)
    {
        Function = function;
        Limits = limits;
        Scrubber = scrubber;
        Payload = payload;
        StartTimestamp = startTimestamp;
        Budget = budget;
        CallerToken = callerToken;
        AttemptToken = callerToken;
    }

    public EnswitchFunction Function { get; }

    /// <summary>Gets the limits the call runs under: the client's options, with the call's own in their place.</summary>
    public CallLimits Limits { get; }

    /// <summary>
    /// Gets the scrubber for anything this call quotes: the pipeline's (password, tokens), plus the values of
    /// the call's own secret parameters (a phone's SIP password, a PIN) when it has any.
    /// </summary>
    public SecretScrubber Scrubber { get; }

    public WirePayload Payload { get; }

    public long StartTimestamp { get; }

    /// <summary>
    /// Gets the time this call may take: the total timeout, less what the operation already spent waiting
    /// for a login in token mode (the caller's budget covers the whole operation).
    /// </summary>
    public TimeSpan Budget { get; }

    public CancellationToken CallerToken { get; }

    /// <summary>
    /// Gets or sets the token of the running attempt: cancelled by the caller, by the attempt timeout or by the end of
    /// the total timeout, whichever comes first.
    /// </summary>
    public CancellationToken AttemptToken { get; set; }

    /// <summary>Gets or sets how many attempts have started.</summary>
    public int Attempts { get; set; }

    /// <summary>Gets or sets the failure of the latest attempt, for the report when the total timeout ends the call.</summary>
    public EnswitchException? LastFailure { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether any attempt of this call may have reached the server. A call
    /// is reported as not sent only when no attempt was.
    /// </summary>
    public bool MaybeSent { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether an attempt before the current one was sent, or may have been,
    /// and got no answer: the one case where the server may have done the work without the SDK seeing it.
    /// </summary>
    public bool EarlierAttemptUnanswered { get; set; }

    /// <summary>Gets or sets the Retry-After the latest attempt's response asked for.</summary>
    public TimeSpan? LastRetryAfter { get; set; }

    /// <summary>Gets or sets the call's span, while it runs and when anyone listens.</summary>
    public Activity? Activity { get; set; }
}

/// <summary>A call and what runs its attempts: the transport and the reader of its answer.</summary>
/// <typeparam name="T">The call's result type.</typeparam>
internal sealed class CallState<T> : CallState
{
    public CallState(EnswitchTransport transport, ResponseReader<T> reader, EnswitchFunction function, WirePayload payload, CallLimits limits, long startTimestamp, TimeSpan budget, SecretScrubber scrubber, CancellationToken callerToken)
        : base(function, payload, limits, startTimestamp, budget, scrubber, callerToken)
    {
        Transport = transport;
        Reader = reader;
    }

    public EnswitchTransport Transport { get; }

    public ResponseReader<T> Reader { get; }
}
