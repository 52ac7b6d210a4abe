using Enswitch.Client.Transport;

namespace Enswitch.Client.Recording;

/// <summary>
/// The parameters of <c>recording/recordings/list</c>. Set exactly one of <see cref="CustomerId"/> and
/// <see cref="RecordGroupId"/>; every other property left <see langword="null"/> is not sent.
/// </summary>
/// <remarks>
/// Listing requires the <em>record</em> role. The function has no paging: the guide warns that leaving
/// out <see cref="From"/> and <see cref="To"/> can load the database heavily, so set a time window. Guide:
/// <see href="https://integrics.com/enswitch/guides/4.4/en/dev/json/recording/recordings/list/"/>.
/// </remarks>
public sealed record ListRecordingsRequest
{
    /// <summary>Gets the customer whose recordings to list; wire name <c>customer</c>. Set this or <see cref="RecordGroupId"/>.</summary>
    public long? CustomerId { get; init; }

    /// <summary>Gets the record group whose recordings to list; wire name <c>recordgroup</c>. Set this or <see cref="CustomerId"/>.</summary>
    public long? RecordGroupId { get; init; }

    /// <summary>Gets the start of the time window; wire name <c>start</c>, sent as Unix seconds. Server default: 0.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Gets the end of the time window; wire name <c>end</c>, sent as Unix seconds. Server default: now.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Gets text the called number must contain; wire name <c>called</c>. Server default: empty (any).</summary>
    public string? Called { get; init; }

    /// <summary>Gets text the caller ID must contain; wire name <c>caller</c>. Server default: empty (any).</summary>
    public string? Caller { get; init; }

    /// <summary>Gets which recordings to return by state; wire name <c>complete</c>. Server default: finished only.</summary>
    public RecordingCompleteness? Completeness { get; init; }

    /// <summary>Gets the shortest total time to return; wire name <c>totaltime_minimum</c>, sent in whole seconds. Server default: 0.</summary>
    public TimeSpan? MinimumTotalTime { get; init; }

    /// <summary>Gets the longest total time to return; wire name <c>totaltime_maximum</c>, sent in whole seconds. Server default: no limit.</summary>
    public TimeSpan? MaximumTotalTime { get; init; }

    /// <summary>Gets the column to sort by; wire name <c>sort</c>. Server default: start.</summary>
    public RecordingSortField? SortBy { get; init; }

    /// <summary>Gets the sort order; wire name <c>descending</c>, sent as 1 or 0. Server default: ascending.</summary>
    public RecordingSortDirection? SortDirection { get; init; }

    /// <summary>Returns a request for every recording of a customer.</summary>
    /// <param name="customerId">The customer id, 1 or more.</param>
    /// <returns>The request, to refine with <c>with</c> or an object initializer.</returns>
    public static ListRecordingsRequest ForCustomer(long customerId) => new() { CustomerId = customerId };

    /// <summary>Returns a request for every recording of a record group.</summary>
    /// <param name="recordGroupId">The record group id, 1 or more.</param>
    /// <returns>The request, to refine with <c>with</c> or an object initializer.</returns>
    public static ListRecordingsRequest ForRecordGroup(long recordGroupId) => new() { RecordGroupId = recordGroupId };

    // The server compares whole seconds: lower bounds round up and upper bounds down, so that no row
    // outside the caller's window is let in.
    private static long? CeilingSeconds(DateTimeOffset? value)
    {
        if (value is not { } time)
        {
            return null;
        }

        var seconds = time.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(seconds) < time ? seconds + 1 : seconds;
    }

    /// <summary>Checks the documented rules and builds the wire parameters in the guide's order.</summary>
    internal EnswitchParameters ToParameters()
    {
        if ((CustomerId is null) == (RecordGroupId is null))
        {
            throw new ArgumentException("Set exactly one of CustomerId and RecordGroupId: the guide accepts one or the other, not both.", CustomerId is null ? nameof(CustomerId) : nameof(RecordGroupId));
        }

        if (CustomerId is < 1 || RecordGroupId is < 1)
        {
            throw new ArgumentOutOfRangeException(CustomerId is not null ? nameof(CustomerId) : nameof(RecordGroupId), "An id is 1 or more.");
        }

        if (From < DateTimeOffset.UnixEpoch || To < DateTimeOffset.UnixEpoch)
        {
            throw new ArgumentOutOfRangeException(From < DateTimeOffset.UnixEpoch ? nameof(From) : nameof(To), "The time window is sent as Unix timestamps, so it must not start before 1970-01-01T00:00:00Z.");
        }

        if (From > To)
        {
            throw new ArgumentException("From must not be later than To.", nameof(From));
        }

        if (MinimumTotalTime < TimeSpan.Zero || MaximumTotalTime < TimeSpan.Zero || MinimumTotalTime > MaximumTotalTime)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumTotalTime), "Total-time bounds must not be negative, and the minimum must not exceed the maximum.");
        }

        WireText.EnsureWellFormed(Called, nameof(Called));
        WireText.EnsureWellFormed(Caller, nameof(Caller));
        return new EnswitchParameters()
            .Add("customer", CustomerId)
            .Add("recordgroup", RecordGroupId)
            .Add("start", CeilingSeconds(From))
            .Add("end", To?.ToUnixTimeSeconds())
            .Add("called", Called)
            .Add("caller", Caller)
            .Add("complete", Completeness switch
            {
                null => (long?)null,
                RecordingCompleteness.Finished => 1,
                RecordingCompleteness.InProgress => 0,
                RecordingCompleteness.Both => -1,
                _ => throw new ArgumentOutOfRangeException(nameof(Completeness), Completeness, "Not a documented value."),
            })
            .Add("totaltime_minimum", MinimumTotalTime is { } minimum ? (long)Math.Ceiling(minimum.TotalSeconds) : null)
            .Add("totaltime_maximum", (long?)MaximumTotalTime?.TotalSeconds)
            .Add("sort", SortBy switch
            {
                null => null,
                RecordingSortField.Start => "start",
                RecordingSortField.TotalTime => "totaltime",
                RecordingSortField.Expires => "expires",
                RecordingSortField.CNumber => "cnumber",
                RecordingSortField.SNumber => "snumber",
                _ => throw new ArgumentOutOfRangeException(nameof(SortBy), SortBy, "Not a documented value."),
            })
            .Add("descending", SortDirection switch
            {
                null => (bool?)null,
                RecordingSortDirection.Ascending => false,
                RecordingSortDirection.Descending => true,
                _ => throw new ArgumentOutOfRangeException(nameof(SortDirection), SortDirection, "Not a documented value."),
            });
    }
}
