namespace Enswitch.Client.Testing;

/// <summary>
/// A call recording stored by the emulator: one row of the Enswitch <c>recordings</c> table with its audio,
/// as <c>recording/recordings/list</c> and <c>recording/recordings/get</c> return it. Seed one with
/// <see cref="EnswitchEmulator.AddRecording(EmulatedRecording)"/>.
/// </summary>
/// <remarks>
/// A recording is identified by its record group, <c>uniqueid</c> and <c>recordid</c> together; both ids
/// are strings on the wire and are never compared as numbers.
/// </remarks>
/// <param name="RecordGroupId">The record group holding the recording (<c>recordgroup</c>).</param>
/// <param name="UniqueId">The call's unique id (<c>uniqueid</c>), for example <c>1234567890.123456</c>.</param>
/// <param name="RecordId">The record id within the call (<c>recordid</c>), for example <c>1</c>.</param>
/// <param name="Start">When the recording started (<c>start</c>, sent as Unix seconds).</param>
/// <param name="End">When the recording ended (<c>end</c>, sent as Unix seconds).</param>
/// <param name="TotalTimeSeconds">The recording's length in seconds (<c>totaltime</c>).</param>
/// <param name="CallerNumber">The caller id (<c>cnumber</c>), which the <c>caller</c> filter matches.</param>
/// <param name="SourceNumber">The source number (<c>snumber</c>).</param>
/// <param name="CalledNumber">The called number (<c>dnumber</c>), which the <c>called</c> filter matches.</param>
/// <param name="Complete">Whether the recording has finished (<c>complete</c> 1) or is still in progress (0).</param>
/// <param name="MimeType">The audio's media type (<c>mimetype</c>), also the Content-Type of a <c>wrap=none</c> download.</param>
/// <param name="Expires">When the recording expires (<c>expires</c>, sent as Unix seconds).</param>
/// <param name="Audio">The sound file's bytes; <c>size</c> is their length.</param>
public sealed record EmulatedRecording(
    long RecordGroupId,
    string UniqueId,
    string RecordId,
    DateTimeOffset Start,
    DateTimeOffset End,
    int TotalTimeSeconds,
    string CallerNumber,
    string SourceNumber,
    string CalledNumber,
    bool Complete,
    string MimeType,
    DateTimeOffset Expires,
    ReadOnlyMemory<byte> Audio)
{
    /// <summary>
    /// Gets the seconds the call was answered (<c>talktime</c>), or <see langword="null"/> (the default) to
    /// report the same value as <see cref="TotalTimeSeconds"/>.
    /// </summary>
    public int? TalkTimeSeconds { get; init; }
}
