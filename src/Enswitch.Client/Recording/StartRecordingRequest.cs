using Enswitch.Client.Transport;

namespace Enswitch.Client.Recording;

/// <summary>
/// The parameters of <c>recording/recordings/start</c>: start, or resume, recording a live call (Enswitch
/// 4.1 and later).
/// </summary>
/// <remarks>
/// Requires the <em>actions</em> or <em>panel</em> role, and the caller must be an administrator, own one
/// of the telephone lines on the call, or be allowed to use any line. Guide:
/// <see href="https://integrics.com/enswitch/guides/4.4/en/dev/json/recording/recordings/start/"/>.
/// </remarks>
/// <param name="UniqueId">The live call's unique id, such as <c>1234567890.123456</c>; wire name <c>uniqueid</c>.</param>
public sealed record StartRecordingRequest(string UniqueId)
{
    /// <summary>Gets which side of the call to record; wire name <c>channel</c>. Server default: the calling side.</summary>
    public RecordingChannel? Channel { get; init; }

    /// <summary>Checks the documented rules and builds the wire parameters in the guide's order.</summary>
    internal EnswitchParameters ToParameters()
    {
        RecordingReference.RequireText(UniqueId, nameof(UniqueId));
        if (Channel is { } channel && !Enum.IsDefined(channel))
        {
            throw new ArgumentOutOfRangeException(nameof(Channel), channel, "The channel is 1 (calling side) or 2 (called side).");
        }

        return new EnswitchParameters().Add("uniqueid", UniqueId).Add("channel", (long?)Channel);
    }
}
