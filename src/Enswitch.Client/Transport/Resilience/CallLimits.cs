namespace Enswitch.Client.Transport;

/// <summary>
/// The limits one call runs under: the client's options, with what the call's <see cref="EnswitchRequestOptions"/>
/// replace. The pipeline holds the client's as one shared instance, so a call without options allocates none.
/// </summary>
internal sealed class CallLimits
{
    private CallLimits(TimeSpan attemptTimeout, TimeSpan totalTimeout, int maxRetries, long maxResponseBytes, long maxDownloadBytes)
    {
        AttemptTimeout = attemptTimeout;
        TotalTimeout = totalTimeout;
        MaxRetries = maxRetries;
        MaxResponseBytes = maxResponseBytes;
        MaxDownloadBytes = maxDownloadBytes;
    }

    /// <summary>Gets the time one attempt may take; when it is longer than <see cref="TotalTimeout"/>, the total ends it.</summary>
    public TimeSpan AttemptTimeout { get; }

    /// <summary>Gets the time the whole call may take.</summary>
    public TimeSpan TotalTimeout { get; }

    /// <summary>Gets how many times the call may be tried again.</summary>
    public int MaxRetries { get; }

    /// <summary>Gets the largest response body the call reads.</summary>
    public long MaxResponseBytes { get; }

    /// <summary>Gets the largest recording the call downloads inside the envelope.</summary>
    public long MaxDownloadBytes { get; }

    /// <summary>Returns the limits of the client's (validated) options.</summary>
    public static CallLimits Of(EnswitchClientOptions options) =>
        new(options.AttemptTimeout, options.TotalTimeout, options.MaxRetries, options.MaxResponseBytes, options.MaxDownloadBytes);

    /// <summary>
    /// Returns these limits with what <paramref name="options"/> sets in their place, or these limits themselves when it
    /// sets nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A value of <paramref name="options"/> is out of bounds; nothing was sent.</exception>
    public CallLimits With(EnswitchRequestOptions? options)
    {
        if (options is null)
        {
            return this;
        }

        EnswitchOptionsValidator.ThrowIfInvalid(options);
        return new CallLimits(
            options.AttemptTimeout ?? AttemptTimeout,
            options.TotalTimeout ?? TotalTimeout,
            options.MaxRetries ?? MaxRetries,
            options.MaxResponseBytes ?? MaxResponseBytes,
            options.MaxDownloadBytes ?? MaxDownloadBytes);
    }
}
