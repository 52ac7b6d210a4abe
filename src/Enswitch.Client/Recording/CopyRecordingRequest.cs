using Enswitch.Client.Transport;

namespace Enswitch.Client.Recording;

/// <summary>
/// The parameters of <c>recording/recordings/copy</c>: copy one recording into another record group. The
/// server does nothing when the destination already holds it, so a repeat is harmless; to move a
/// recording, copy it and then delete the original.
/// </summary>
/// <remarks>
/// Requires the <em>record</em> role. Guide:
/// <see href="https://integrics.com/enswitch/guides/4.4/en/dev/json/recording/recordings/copy/"/>.
/// </remarks>
/// <param name="RecordGroupId">The source record group; wire name <c>recordgroup</c>; 1 or more.</param>
/// <param name="UniqueId">The call's unique id; wire name <c>uniqueid</c>.</param>
/// <param name="RecordId">The recording's id within the call; wire name <c>recordid</c>.</param>
/// <param name="DestinationRecordGroupId">The record group to copy into; wire name <c>destination</c>; 1 or more.</param>
public sealed record CopyRecordingRequest(long RecordGroupId, string UniqueId, string RecordId, long DestinationRecordGroupId)
{
    /// <summary>Checks the documented rules and builds the wire parameters in the guide's order.</summary>
    internal EnswitchParameters ToParameters()
    {
        if (DestinationRecordGroupId < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DestinationRecordGroupId), DestinationRecordGroupId, "A record group id is 1 or more.");
        }

        return RecordingReference.Add(new EnswitchParameters(), RecordGroupId, UniqueId, RecordId).Add("destination", DestinationRecordGroupId);
    }
}
