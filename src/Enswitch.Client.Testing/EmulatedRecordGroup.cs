namespace Enswitch.Client.Testing;

/// <summary>
/// A record group stored by the emulator, with the server defaults applied to every parameter the
/// caller left out.
/// </summary>
/// <param name="Id">The id the emulator assigned.</param>
/// <param name="CustomerId">The customer (<c>customer</c>); defaults to the creating user's customer.</param>
/// <param name="Name">The name (<c>name</c>).</param>
/// <param name="Description">The description (<c>description</c>); default empty.</param>
/// <param name="Email">The email address(es) (<c>email</c>); default empty.</param>
/// <param name="ExpiryDays">The retention in days (<c>expires</c>); default 365.</param>
/// <param name="SavePercentage">The share of calls kept (<c>fraction</c>); default 100.</param>
/// <param name="BeepIntervalSeconds">The seconds between beeps (<c>beep</c>); default 0.</param>
/// <param name="Announcement">The announcement (<c>message</c>) as its wire string; default empty.</param>
/// <param name="OwnerId">The owner (<c>owner</c>); default 0.</param>
/// <param name="RecordInbound">Whether inbound calls are recorded (<c>record_in</c>); default true.</param>
/// <param name="RecordOutbound">Whether outbound calls are recorded (<c>record_out</c>); default true.</param>
/// <param name="Transcribe">Whether recordings are transcribed (<c>transcribe</c>); default false.</param>
public sealed record EmulatedRecordGroup(
    long Id,
    long CustomerId,
    string Name,
    string Description,
    string Email,
    int ExpiryDays,
    int SavePercentage,
    int BeepIntervalSeconds,
    string Announcement,
    long OwnerId,
    bool RecordInbound,
    bool RecordOutbound,
    bool Transcribe);
