using System.Globalization;
using System.Text.Json;

namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// Writes a recording as a row of the <c>recordings</c> table, the shape <c>recording/recordings/list</c>
/// returns and <c>recording/recordings/get</c> extends (enswitch-api.md section 2.4).
/// </summary>
/// <remarks>
/// Ids that are numbers in the database (<c>recordgroup</c>, times, sizes) are written as JSON numbers, as
/// the guide's examples write <c>id</c>; <c>uniqueid</c> and <c>recordid</c> are strings. <c>scustomer</c>
/// and <c>path</c> come from a reseller's field list, not the guide: they are there so that clients learn
/// to keep fields they do not know.
/// </remarks>
internal static class RecordingRow
{
    public static void WriteFields(Utf8JsonWriter writer, EmulatedRecording recording, EmulatedRecordGroup group)
    {
        writer.WriteString("uniqueid", recording.UniqueId);
        writer.WriteString("recordid", recording.RecordId);
        writer.WriteNumber("recordgroup", recording.RecordGroupId);
        writer.WriteNumber("start", recording.Start.ToUnixTimeSeconds());
        writer.WriteNumber("end", recording.End.ToUnixTimeSeconds());
        writer.WriteNumber("totaltime", recording.TotalTimeSeconds);
        writer.WriteNumber("talktime", recording.TalkTimeSeconds ?? recording.TotalTimeSeconds);
        writer.WriteString("snumber", recording.SourceNumber);
        writer.WriteString("dnumber", recording.CalledNumber);
        writer.WriteString("cnumber", recording.CallerNumber);
        writer.WriteNumber("complete", recording.Complete ? 1 : 0);
        writer.WriteString("mimetype", recording.MimeType);
        writer.WriteNumber("size", recording.Audio.Length);
        writer.WriteNumber("expires", recording.Expires.ToUnixTimeSeconds());
        writer.WriteNumber("scustomer", group.CustomerId);
        writer.WriteString("path", Path(recording, group));
    }

    /// <summary>Returns the storage path in the layout a reseller's webhook shows: <c>customer/group/YYYY/MM/DD/record_uniqueid_recordid</c>.</summary>
    private static string Path(EmulatedRecording recording, EmulatedRecordGroup group) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{group.CustomerId}/{group.Id}/{recording.Start.UtcDateTime:yyyy/MM/dd}/record_{recording.UniqueId.Replace(".", string.Empty, StringComparison.Ordinal)}_{recording.RecordId}");
}
