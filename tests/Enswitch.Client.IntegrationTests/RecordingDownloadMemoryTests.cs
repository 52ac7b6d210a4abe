using System.Security.Cryptography;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// A 50 MB recording downloaded through <see cref="IRecordingsClient.GetAsync"/> (issue 4, item 7): the audio
/// arrives intact and the process allocates well below twice the file while downloading it. The emulator
/// runs in this process, so what it allocates to serve the file is measured first, on its own, with a plain
/// HttpClient that only counts the bytes; the SDK's share is the rest.
/// </summary>
[Collection(nameof(RecordingDownloadMemoryTests))]
public class RecordingDownloadMemoryTests
{
    private const int FileBytes = 50 * 1024 * 1024;
    private const string Get = "recording/recordings/get";
    private const string BigId = "1700000000.50";
    private const string SmallId = "1700000000.1";

    // Seeded, so that a failure replays with the same audio.
    private const int AudioSeed = 50_000_001;

    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Theory]
    [InlineData(RecordingWrap.Json)]
    [InlineData(RecordingWrap.None)]
    public async Task FiftyMegabyteRecording_GetAsync_HashMatches_AllocatesWellBelowTwiceTheFile(RecordingWrap wrap)
    {
        await using var h = await SdkHarness.StartAsync();
        var emulator = h.Emulator;
        var group = emulator.AddRecordGroup("Large recordings");
        var audio = new byte[FileBytes];
        new Random(AudioSeed).NextBytes(audio);
        var expected = SHA256.HashData(audio);
        emulator.AddRecording(Recording(group.Id, BigId, audio));
        emulator.AddRecording(Recording(group.Id, SmallId, [.. audio.AsSpan(0, 4096)]));
        var recordings = h.Services.GetRequiredService<IRecordingsClient>();
        using var http = new HttpClient();
        var buffer = new byte[64 * 1024];

        // Warm-up with a small file on both paths, so that JIT, connection set-up and pools are not measured.
        await DownloadWithSdkAsync(recordings, new GetRecordingRequest(group.Id, SmallId, "1") { Wrap = wrap }, buffer);
        await DownloadPlainAsync(http, emulator, group.Id, SmallId, wrap, buffer);

        // The emulator serving the file alone, to a client that holds nothing.
        var baselineBefore = GC.GetTotalAllocatedBytes(precise: true);
        var plainBytes = await DownloadPlainAsync(http, emulator, group.Id, BigId, wrap, buffer);
        var baseline = GC.GetTotalAllocatedBytes(precise: true) - baselineBefore;

        // The SDK: the stream is read to the end into an incremental hash; no copy of the audio is kept.
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (hash, read, contentType) = await DownloadWithSdkAsync(recordings, new GetRecordingRequest(group.Id, BigId, "1") { Wrap = wrap }, buffer);
        var total = GC.GetTotalAllocatedBytes(precise: true) - before;

        var sdkShare = total - baseline;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"wrap={wrap}: file {FileBytes} B; body served {plainBytes} B; process allocated during SDK download {total} B ({(double)total / FileBytes:0.000} x file); " +
            $"emulator + plain HttpClient baseline {baseline} B ({(double)baseline / FileBytes:0.000} x); SDK share about {sdkShare} B ({(double)sdkShare / FileBytes:0.000} x)");

        // Client side: every byte arrived, unchanged.
        Assert.Equal(FileBytes, read);
        Assert.Equal(expected, hash);
        Assert.Equal("audio/wav", contentType);

        // Server side: one get per download (two warm-ups, the baseline, the SDK's), none faulted or retried,
        // each asking for the wrapping the test meant.
        var gets = emulator.RequestsTo(Get);
        Assert.Equal(4, gets.Count);
        Assert.All(gets, r => Assert.Null(r.Fault));
        Assert.All(gets, r => Assert.Equal(wrap == RecordingWrap.None ? "none" : null, r["wrap"]));
        Assert.All(gets, r => Assert.Equal(wrap == RecordingWrap.Json ? "base64" : null, r["encoding"]));
        Assert.Equal([SmallId, SmallId, BigId, BigId], gets.Select(r => r["uniqueid"]));

        // Memory: well below the file twice over. Wrapped in JSON the SDK holds the base64 body (4/3 of the
        // file) once and decodes it as it is read; bare, it streams from the socket and holds nothing.
        Assert.True(plainBytes >= FileBytes, $"the emulator served {plainBytes} bytes");
        if (wrap == RecordingWrap.Json)
        {
            Assert.True(total < FileBytes * 3L / 2, $"{total} bytes allocated downloading a {FileBytes}-byte recording wrapped in JSON (limit 1.5 x)");
            Assert.True(sdkShare < FileBytes * 3L / 2, $"SDK share {sdkShare} bytes");
        }
        else
        {
            Assert.True(total < FileBytes / 10, $"{total} bytes allocated downloading a bare {FileBytes}-byte recording (limit 0.1 x)");
        }
    }

    private static EmulatedRecording Recording(long group, string uniqueId, byte[] audio) =>
        new(group, uniqueId, "1", Start, Start.AddMinutes(30), 1800, "01632960001", "01632960003", "01632960002", true, "audio/wav", Start.AddDays(365), audio);

    private static async Task<(byte[] Hash, long Read, string? ContentType)> DownloadWithSdkAsync(IRecordingsClient recordings, GetRecordingRequest request, byte[] buffer)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        await using var download = await recordings.GetAsync(request, cancellationToken: SdkHarness.Token);
        int read;
        while ((read = await download.Content.ReadAsync(buffer, SdkHarness.Token)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }

        return (hash.GetHashAndReset(), total, download.ContentType);
    }

    /// <summary>Asks the emulator for the recording as the SDK does and reads the body to the end, keeping nothing.</summary>
    private static async Task<long> DownloadPlainAsync(HttpClient http, EnswitchEmulator emulator, long group, string uniqueId, RecordingWrap wrap, byte[] buffer)
    {
        List<KeyValuePair<string, string>> parameters =
        [
            new("auth_username", EnswitchEmulator.DefaultUsername),
            new("auth_password", EnswitchEmulator.DefaultPassword),
            new("recordgroup", $"{group}"),
            new("uniqueid", uniqueId),
            new("recordid", "1"),
            wrap == RecordingWrap.None ? new("wrap", "none") : new("encoding", "base64"),
        ];
        using var content = new FormUrlEncodedContent(parameters);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseAddress, $"api/json/{Get}/")) { Content = content };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, SdkHarness.Token);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(SdkHarness.Token);
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, SdkHarness.Token)) > 0)
        {
            total += read;
        }

        return total;
    }
}

/// <summary>Runs <see cref="RecordingDownloadMemoryTests"/> alone: they measure the process's allocations.</summary>
[CollectionDefinition(nameof(RecordingDownloadMemoryTests), DisableParallelization = true)]
public sealed class RecordingDownloadMemoryTestsRunAlone;
