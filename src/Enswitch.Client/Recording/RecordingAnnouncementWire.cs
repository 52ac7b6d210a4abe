namespace Enswitch.Client.Recording;

/// <summary>Maps <see cref="RecordingAnnouncement"/> to the strings the guide documents.</summary>
internal static class RecordingAnnouncementWire
{
    public static string ToWire(RecordingAnnouncement value) => value switch
    {
        RecordingAnnouncement.None => string.Empty,
        RecordingAnnouncement.All => "all",
        RecordingAnnouncement.Inbound => "inbound",
        RecordingAnnouncement.InboundOutbound => "inbound_outbound",
        RecordingAnnouncement.Internal => "internal",
        RecordingAnnouncement.Outbound => "outbound",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "The announcement is not one of the documented values."),
    };
}
