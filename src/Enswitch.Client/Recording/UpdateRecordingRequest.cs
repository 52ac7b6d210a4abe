using Enswitch.Client.Transport;

namespace Enswitch.Client.Recording;

/// <summary>
/// The parameters of <c>recording/recordings/update</c>: change when one recording expires.
/// </summary>
/// <remarks>
/// Requires the <em>record</em> role. Guide:
/// <see href="https://integrics.com/enswitch/guides/4.4/en/dev/json/recording/recordings/update/"/>.
/// </remarks>
/// <param name="RecordGroupId">The record group holding the recording; wire name <c>recordgroup</c>; 1 or more.</param>
/// <param name="UniqueId">The call's unique id; wire name <c>uniqueid</c>.</param>
/// <param name="RecordId">The recording's id within the call; wire name <c>recordid</c>.</param>
public sealed record UpdateRecordingRequest(long RecordGroupId, string UniqueId, string RecordId)
{
    /// <summary>
    /// Gets when the recording expires; wire name <c>expires</c>, sent as a Unix timestamp (unlike a record
    /// group's <c>expires</c>, which counts days), so it must not be before 1970-01-01T00:00:00Z. Default: current value. Since 3.13.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Checks the documented rules and builds the wire parameters in the guide's order.</summary>
    internal EnswitchParameters ToParameters(bool validationOnly)
    {
        // A Unix timestamp cannot be negative: refuse it here rather than send a value the server rejects.
        if (ExpiresAt < DateTimeOffset.UnixEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(ExpiresAt), ExpiresAt, "The expiry is sent as a Unix timestamp, so it must not be before 1970-01-01T00:00:00Z.");
        }

        return RecordingReference.Add(new EnswitchParameters(), RecordGroupId, UniqueId, RecordId)
            .Add("expires", ExpiresAt?.ToUnixTimeSeconds())
            .Add("validation", validationOnly ? true : null);
    }
}
