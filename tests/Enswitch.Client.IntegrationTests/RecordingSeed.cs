using Enswitch.Client.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>Recordings to seed the emulator with, shared by the tests that call the recording functions.</summary>
internal static class RecordingSeed
{
    /// <summary>2023-11-14T22:13:20Z.</summary>
    public static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public static EmulatedRecording NewRecording(
        long group,
        string uniqueId,
        DateTimeOffset start,
        int seconds = 60,
        string caller = "01632960001",
        string called = "01632960002",
        string source = "01632960003",
        bool complete = true,
        byte[]? audio = null,
        string recordId = "1",
        DateTimeOffset? expires = null) =>
        new(group, uniqueId, recordId, start, start.AddSeconds(seconds), seconds, caller, source, called, complete, "audio/wav", expires ?? start.AddDays(365), audio ?? [1, 2, 3]);

    /// <summary>Every byte value, <paramref name="repeat"/> times, then <paramref name="extra"/> bytes more.</summary>
    public static byte[] EveryByteValue(int repeat, int extra = 0) => [.. Enumerable.Range(0, (256 * repeat) + extra).Select(i => (byte)(i % 256))];
}
