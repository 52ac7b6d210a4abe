using Enswitch.Client.Transport;

namespace Enswitch.Client.Recording;

/// <summary>
/// The parameters of <c>recording/recordings/get</c>: which recording to download, and how.
/// </summary>
/// <remarks>
/// Requires the <em>record</em> role. Guide:
/// <see href="https://integrics.com/enswitch/guides/4.4/en/dev/json/recording/recordings/get/"/>.
/// </remarks>
/// <param name="RecordGroupId">The record group holding the recording; wire name <c>recordgroup</c>; 1 or more.</param>
/// <param name="UniqueId">The call's unique id, such as <c>1234567890.123456</c>; wire name <c>uniqueid</c>; a string, never a number.</param>
/// <param name="RecordId">The recording's id within the call; wire name <c>recordid</c>; a string.</param>
public sealed record GetRecordingRequest(long RecordGroupId, string UniqueId, string RecordId)
{
    /// <summary>
    /// Gets how the audio comes back; wire name <c>wrap</c>. Default <see cref="RecordingWrap.Json"/>, which
    /// the SDK sends with <c>encoding=base64</c> so the audio is safe inside JSON.
    /// </summary>
    public RecordingWrap Wrap { get; init; } = RecordingWrap.Json;

    /// <summary>
    /// Gets whether the server adds a SHA-1 of the audio; wire name <c>sha1</c>, sent as 1 or 0. The guide
    /// calls it expensive and does not name the field it comes back in; see <see cref="RecordingDownload.Sha1"/>.
    /// </summary>
    public bool? IncludeSha1 { get; init; }

    /// <summary>Checks the documented rules and builds the wire parameters in the guide's order.</summary>
    internal EnswitchParameters ToParameters(Version? serverVersion)
    {
        if (!Enum.IsDefined(Wrap))
        {
            throw new ArgumentOutOfRangeException(nameof(Wrap), Wrap, "Not a documented value.");
        }

        if (Wrap == RecordingWrap.None && IncludeSha1 == true)
        {
            throw new ArgumentException("A bare file (RecordingWrap.None) has nowhere to carry the SHA-1; use RecordingWrap.Json to get it.", nameof(IncludeSha1));
        }

        // wrap exists from 3.15; before it the audio always came inside JSON, so Json sends no wrap at all.
        VersionGate.Require(serverVersion, Wrap == RecordingWrap.None, "Parameter 'wrap'", VersionGate.Wrap);
        var parameters = RecordingReference.Add(new EnswitchParameters(), RecordGroupId, UniqueId, RecordId)
            .Add("encoding", Wrap == RecordingWrap.Json ? "base64" : null)
            .Add("sha1", IncludeSha1);
        return Wrap == RecordingWrap.None ? parameters.Add("wrap", "none") : parameters;
    }
}
