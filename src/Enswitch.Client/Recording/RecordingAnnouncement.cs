namespace Enswitch.Client.Recording;

/// <summary>
/// Which calls hear an announcement that they are being recorded: the record group's <c>message</c>
/// parameter. The guide types it "Integer" but lists string values (enswitch-api.md section 4, quirk 7).
/// </summary>
public enum RecordingAnnouncement
{
    /// <summary>No announcement; sent as an empty string.</summary>
    None = 0,

    /// <summary>Every recorded call; sent as <c>all</c>.</summary>
    All,

    /// <summary>Inbound calls; sent as <c>inbound</c>.</summary>
    Inbound,

    /// <summary>Inbound and outbound calls; sent as <c>inbound_outbound</c>.</summary>
    InboundOutbound,

    /// <summary>Internal calls; sent as <c>internal</c>.</summary>
    Internal,

    /// <summary>Outbound calls; sent as <c>outbound</c>.</summary>
    Outbound,
}
