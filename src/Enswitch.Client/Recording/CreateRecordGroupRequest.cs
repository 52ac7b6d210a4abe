using Enswitch.Client.Transport;

namespace Enswitch.Client.Recording;

/// <summary>
/// The parameters of <c>recording/groups/create</c>, in the guide's order. Every optional property
/// left <see langword="null"/> is not sent, so the server's default applies.
/// </summary>
/// <remarks>
/// Creating a record group requires the <em>administrator</em> role. Guide:
/// <see href="https://integrics.com/enswitch/guides/4.4/en/dev/json/recording/groups/create/"/>.
/// </remarks>
/// <param name="Name">
/// The group's name; wire name <c>name</c>; required, must not be empty or blank. Since 3.13.
/// </param>
public sealed record CreateRecordGroupRequest(string Name)
{
    /// <summary>
    /// Gets the customer to create the group in; wire name <c>customer</c>. Server default: the
    /// customer of the authenticating user. Must be 1 or more. Since 3.13.
    /// </summary>
    public long? CustomerId { get; init; }

    /// <summary>
    /// Gets the group's description; wire name <c>description</c>. Server default: empty. Since 3.13.
    /// </summary>
    public string? Description { get; init; }

    /// <summary>
    /// Gets the email address(es) that recordings are sent to; wire name <c>email</c>. Server default:
    /// empty. The guide does not say how several addresses are separated. Since 3.13.
    /// </summary>
    public string? Email { get; init; }

    /// <summary>
    /// Gets how many days recordings are kept; wire name <c>expires</c>; 0 means recordings are not
    /// kept. Server default: 365. Must not be negative. Since 3.13.
    /// </summary>
    public int? ExpiryDays { get; init; }

    /// <summary>
    /// Gets the percentage of calls to record and keep; wire name <c>fraction</c>; 0 to 100, where 0
    /// means recording on demand only (accepted since 3.14). Server default: 100. Since 3.13.
    /// </summary>
    public int? SavePercentage { get; init; }

    /// <summary>
    /// Gets the number of seconds between beeps while a call is recorded; wire name <c>beep</c>;
    /// 0 means no beep. Server default: 0. Must not be negative. Since 3.15.
    /// </summary>
    public int? BeepIntervalSeconds { get; init; }

    /// <summary>
    /// Gets which calls are told that they are recorded; wire name <c>message</c>. Server default:
    /// none. The 4.1 and 4.2 guides list it; the 4.4 guide does not, with no change-history entry, so a
    /// 4.4 server may reject it. Since 3.13 or earlier (not stated).
    /// </summary>
    public RecordingAnnouncement? Announcement { get; init; }

    /// <summary>
    /// Gets the id of the group's owner; wire name <c>owner</c>; 0 means no owner. Server default: 0.
    /// Must not be negative. Since 3.13.
    /// </summary>
    public long? OwnerId { get; init; }

    /// <summary>
    /// Gets whether inbound calls are recorded; wire name <c>record_in</c>, sent as 1 or 0. Server
    /// default: 1 (recorded). Since 3.13.
    /// </summary>
    public bool? RecordInbound { get; init; }

    /// <summary>
    /// Gets whether outbound calls are recorded; wire name <c>record_out</c>, sent as 1 or 0. Server
    /// default: 1 (recorded). Since 3.13.
    /// </summary>
    public bool? RecordOutbound { get; init; }

    /// <summary>
    /// Gets whether recordings are transcribed; wire name <c>transcribe</c>, sent as 1 or 0. Server
    /// default: 0 (not transcribed). Since 4.2.
    /// </summary>
    public bool? Transcribe { get; init; }

    /// <summary>
    /// Checks the documented rules and builds the wire parameters in the guide's order.
    /// </summary>
    /// <param name="validationOnly">Whether to add <c>validation=1</c>, which the guide places before <c>transcribe</c>.</param>
    /// <param name="serverVersion">The configured server version, or <see langword="null"/> to refuse nothing.</param>
    internal EnswitchParameters ToParameters(bool validationOnly, Version? serverVersion)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("A record group needs a name that is not empty or blank.", nameof(Name));
        }

        WireText.EnsureWellFormed(Name, nameof(Name));
        if (CustomerId is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CustomerId), CustomerId, "A customer id is 1 or more; leave it null for the caller's own customer.");
        }

        var settings = new RecordGroupSettings(Description, Email, ExpiryDays, SavePercentage, BeepIntervalSeconds, Announcement, OwnerId, RecordInbound, RecordOutbound, Transcribe);
        settings.Validate(serverVersion);
        var parameters = new EnswitchParameters().Add("name", Name).Add("customer", CustomerId);
        return settings.AddRest(settings.AddDetails(parameters), validationOnly);
    }
}
