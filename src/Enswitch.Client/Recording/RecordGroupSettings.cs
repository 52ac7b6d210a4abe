using Enswitch.Client.Transport;

namespace Enswitch.Client.Recording;

/// <summary>
/// The settings that <c>recording/groups/create</c> and <c>recording/groups/update</c> share: one set of
/// rules and one wire mapping, in the guide's order, for both requests.
/// </summary>
internal readonly record struct RecordGroupSettings(
    string? Description,
    string? Email,
    int? ExpiryDays,
    int? SavePercentage,
    int? BeepIntervalSeconds,
    RecordingAnnouncement? Announcement,
    long? OwnerId,
    bool? RecordInbound,
    bool? RecordOutbound,
    bool? Transcribe)
{
    /// <summary>Checks the documented rules and the configured server version before anything is sent.</summary>
    public void Validate(Version? serverVersion)
    {
        WireText.EnsureWellFormed(Description, nameof(Description));
        WireText.EnsureWellFormed(Email, nameof(Email));
        if (ExpiryDays is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ExpiryDays), ExpiryDays, "Expiry days must not be negative; 0 means recordings are not kept.");
        }

        if (SavePercentage is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(SavePercentage), SavePercentage, "The save percentage must be between 0 and 100.");
        }

        if (BeepIntervalSeconds is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BeepIntervalSeconds), BeepIntervalSeconds, "The beep interval must not be negative; 0 means no beep.");
        }

        if (OwnerId is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(OwnerId), OwnerId, "An owner id must not be negative; 0 means no owner.");
        }

        if (Announcement is { } announcement && !Enum.IsDefined(announcement))
        {
            throw new ArgumentOutOfRangeException(nameof(Announcement), announcement, "The announcement is not one of the documented values.");
        }

        VersionGate.Require(serverVersion, SavePercentage == 0, "A save percentage of 0 (on-demand recording only)", VersionGate.FractionZero);
        VersionGate.Require(serverVersion, BeepIntervalSeconds is not null, "Parameter 'beep'", VersionGate.Beep);
        VersionGate.Require(serverVersion, Transcribe is not null, "Parameter 'transcribe'", VersionGate.Transcribe);
        VersionGate.RequireListed(serverVersion, Announcement is not null, "Parameter 'message' (Announcement)", VersionGate.MessageUnlisted);
    }

    /// <summary>Adds <c>description</c> to <c>message</c>, the run both functions list in this order.</summary>
    public EnswitchParameters AddDetails(EnswitchParameters parameters) => parameters
        .Add("description", Description)
        .Add("email", Email)
        .Add("expires", ExpiryDays)
        .Add("fraction", SavePercentage)
        .Add("beep", BeepIntervalSeconds)
        .Add("message", Announcement.HasValue ? RecordingAnnouncementWire.ToWire(Announcement.Value) : null);

    /// <summary>Adds <c>owner</c> to <c>transcribe</c>, with <c>validation</c> where the guide places it.</summary>
    public EnswitchParameters AddRest(EnswitchParameters parameters, bool validationOnly) => parameters
        .Add("owner", OwnerId)
        .Add("record_in", RecordInbound)
        .Add("record_out", RecordOutbound)
        .Add("validation", validationOnly ? true : null)
        .Add("transcribe", Transcribe);
}
