namespace Enswitch.Client.Testing.Internal;

/// <summary>What identifies a recording: its group, <c>uniqueid</c> and <c>recordid</c>, the ids compared as exact strings.</summary>
internal readonly record struct RecordingKey(long RecordGroupId, string UniqueId, string RecordId)
{
    public static RecordingKey Of(EmulatedRecording recording) => new(recording.RecordGroupId, recording.UniqueId, recording.RecordId);
}
