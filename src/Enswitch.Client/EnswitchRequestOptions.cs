namespace Enswitch.Client;

/// <summary>
/// Settings for one call that replace the client's <see cref="EnswitchClientOptions"/> for that call only: its
/// timeouts, how many times it may be retried, and how large an answer it accepts. Pass an instance as the
/// <c>options</c> argument of any call; a property left <see langword="null"/> keeps the client's value.
/// </summary>
/// <remarks>
/// <para>
/// Each value is checked when the call starts, against the same bounds as the client option of the same name; a value
/// out of bounds fails the call with an <see cref="ArgumentException"/> before anything is sent. An instance holds
/// no state of a call, so one instance may serve many calls at once.
/// </para>
/// <para>
/// A per-call <see cref="MaxRetries"/> changes how many retries a call may make, never which failures are retried: a
/// call that creates something is still retried only when the failure proves nothing was sent.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// // One slow report: a longer wait and a larger answer than the rest of the application allows.
/// var report = new EnswitchRequestOptions { TotalTimeout = TimeSpan.FromMinutes(5), AttemptTimeout = TimeSpan.FromMinutes(2), MaxResponseBytes = 64 * 1024 * 1024 };
/// var cdrs = await enswitch.Cdrs.ListAsync(new ListCdrsRequest { Start = start }, report, cancellationToken);
/// </code>
/// </example>
public sealed class EnswitchRequestOptions
{
    /// <summary>
    /// Gets or sets the time one attempt of this call may take, or <see langword="null"/> for
    /// <see cref="EnswitchClientOptions.AttemptTimeout"/>. Between 10 milliseconds and one day; an attempt never
    /// outlasts what is left of the call's total timeout.
    /// </summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>
    /// Gets or sets the time the whole call may take, every attempt and every wait between attempts included, or
    /// <see langword="null"/> for <see cref="EnswitchClientOptions.TotalTimeout"/>. Between 10 milliseconds and one
    /// day. When it is shorter than the attempt timeout in force, it ends the first attempt too. Setting both
    /// timeouts here with the total shorter than the attempt is refused.
    /// </summary>
    public TimeSpan? TotalTimeout { get; set; }

    /// <summary>
    /// Gets or sets how many times this call may be tried again, or <see langword="null"/> for
    /// <see cref="EnswitchClientOptions.MaxRetries"/>. From 0 (one attempt only) to
    /// <see cref="EnswitchClientOptions.MaxRetriesLimit"/>.
    /// </summary>
    public int? MaxRetries { get; set; }

    /// <summary>
    /// Gets or sets the largest response body this call reads, in bytes, or <see langword="null"/> for
    /// <see cref="EnswitchClientOptions.MaxResponseBytes"/>. Between 1024 and 2147483646.
    /// </summary>
    public long? MaxResponseBytes { get; set; }

    /// <summary>
    /// Gets or sets the largest recording this call downloads inside the JSON envelope, in bytes, or
    /// <see langword="null"/> for <see cref="EnswitchClientOptions.MaxDownloadBytes"/>. At least 1024.
    /// </summary>
    public long? MaxDownloadBytes { get; set; }

    /// <summary>Returns a description of the settings this instance replaces, for diagnostics.</summary>
    /// <returns>The settings that are set, such as <c>EnswitchRequestOptions { TotalTimeout = 00:05:00 }</c>.</returns>
    public override string ToString()
    {
        var set = new List<string>(5);
        Add(set, nameof(AttemptTimeout), AttemptTimeout);
        Add(set, nameof(TotalTimeout), TotalTimeout);
        Add(set, nameof(MaxRetries), MaxRetries);
        Add(set, nameof(MaxResponseBytes), MaxResponseBytes);
        Add(set, nameof(MaxDownloadBytes), MaxDownloadBytes);
        return set.Count == 0 ? "EnswitchRequestOptions { }" : $"EnswitchRequestOptions {{ {string.Join(", ", set)} }}";
    }

    /// <summary>Returns a copy, which later changes to this instance do not reach.</summary>
    internal EnswitchRequestOptions Copy() => (EnswitchRequestOptions)MemberwiseClone();

    private static void Add<T>(List<string> set, string name, T? value)
        where T : struct
    {
        if (value is { } v)
        {
            set.Add(FormattableString.Invariant($"{name} = {v}"));
        }
    }
}
