using Enswitch.Client.Transport;

namespace Enswitch.Client.Recording;

/// <summary>
/// The parameters of <c>recording/groups/update</c>, in the guide's order. Every property left
/// <see langword="null"/> is not sent.
/// </summary>
/// <remarks>
/// <para>
/// Updating a record group requires the <em>record</em> role. Guide:
/// <see href="https://integrics.com/enswitch/guides/4.4/en/dev/json/recording/groups/update/"/>.
/// </para>
/// <para>
/// For most fields the guide gives "current value" as the default, so leaving them out keeps them. For
/// <see cref="BeepIntervalSeconds"/> and <see cref="Transcribe"/> it gives a default of 0 instead, so
/// leaving them out may reset them to no beep and no transcription. Set both to the values you want kept.
/// </para>
/// </remarks>
/// <param name="Id">The id of the group to update; wire name <c>id</c>; required, 1 or more. Since 3.13.</param>
public sealed record UpdateRecordGroupRequest(long Id)
{
    /// <summary>Gets the new description; wire name <c>description</c>. Default: current value. Since 3.13.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the new email address(es); wire name <c>email</c>. Default: current value. Since 3.13.</summary>
    public string? Email { get; init; }

    /// <summary>Gets the new retention in days; wire name <c>expires</c>; 0 means recordings are not kept. Default: current value. Since 3.13.</summary>
    public int? ExpiryDays { get; init; }

    /// <summary>Gets the new percentage of calls kept; wire name <c>fraction</c>; 0 to 100 (0 since 3.14). Default: current value. Since 3.13.</summary>
    public int? SavePercentage { get; init; }

    /// <summary>
    /// Gets the new seconds between beeps; wire name <c>beep</c>; 0 means no beep. The guide's default on
    /// update is 0, not the current value: leaving it out may switch the beep off. Since 3.15.
    /// </summary>
    public int? BeepIntervalSeconds { get; init; }

    /// <summary>
    /// Gets the new announcement; wire name <c>message</c>. Default: current value. Listed in the 4.1 and 4.2
    /// guides, not in 4.4.
    /// </summary>
    public RecordingAnnouncement? Announcement { get; init; }

    /// <summary>Gets the new name; wire name <c>name</c>; must not be empty or blank when set. Default: current value. Since 3.13.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the new owner id; wire name <c>owner</c>; 0 means no owner. Default: current value. Since 3.13.</summary>
    public long? OwnerId { get; init; }

    /// <summary>Gets whether inbound calls are recorded; wire name <c>record_in</c>. Default: current value. Since 3.13.</summary>
    public bool? RecordInbound { get; init; }

    /// <summary>Gets whether outbound calls are recorded; wire name <c>record_out</c>. Default: current value. Since 3.13.</summary>
    public bool? RecordOutbound { get; init; }

    /// <summary>
    /// Gets whether recordings are transcribed; wire name <c>transcribe</c>. The guide's default on update
    /// is 0, not the current value: leaving it out may switch transcription off. Since 4.2.
    /// </summary>
    public bool? Transcribe { get; init; }

    /// <summary>Checks the documented rules and builds the wire parameters in the guide's order.</summary>
    /// <param name="validationOnly">Whether to add <c>validation=1</c>.</param>
    /// <param name="serverVersion">The configured server version, or <see langword="null"/> to refuse nothing.</param>
    internal EnswitchParameters ToParameters(bool validationOnly, Version? serverVersion)
    {
        if (Id < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Id), Id, "A record group id is 1 or more.");
        }

        if (Name is not null && string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("A record group name must not be empty or blank; leave it null to keep the current name.", nameof(Name));
        }

        WireText.EnsureWellFormed(Name, nameof(Name));
        var settings = new RecordGroupSettings(Description, Email, ExpiryDays, SavePercentage, BeepIntervalSeconds, Announcement, OwnerId, RecordInbound, RecordOutbound, Transcribe);
        settings.Validate(serverVersion);
        if (Name is null && settings == default)
        {
            // With nothing to change the call would only apply the update defaults, which for beep and
            // transcribe are 0, not "current value".
            throw new ArgumentException("The update sets no field; set at least one property to change.", nameof(Id));
        }

        var parameters = settings.AddDetails(new EnswitchParameters().Add("id", Id)).Add("name", Name);
        return settings.AddRest(parameters, validationOnly);
    }
}
