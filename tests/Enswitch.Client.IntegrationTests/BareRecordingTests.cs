using System.Text;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// Bare recordings (<c>wrap=none</c>) over real sockets: a file served as audio comes back intact in one
/// request whatever its first bytes, and binary content is never quoted in an error.
/// </summary>
public class BareRecordingTests
{
    private const string Get = "recording/recordings/get";

    public static TheoryData<string, byte[]> Starts() => new()
    {
        { "brace", Encoding.ASCII.GetBytes("{\"responses\":[{\"code\":\"200\"}]}") },
        { "bracket", Encoding.ASCII.GetBytes("<!DOCTYPE html><html>") },
        { "white space", Encoding.ASCII.GetBytes(" \r\n\t{") },
        { "byte-order mark", [0xEF, 0xBB, 0xBF, (byte)'<', (byte)'h', (byte)'t', (byte)'m', (byte)'l', (byte)'>'] },
        { "u-law silence", [0xFF, 0xFF, 0xFF, 0x7F] },
    };

    [Theory]
    [MemberData(nameof(Starts))]
    public async Task ABareRecordingServedAsAudio_ComesBackIntact_InOneRequest_WhateverItsFirstBytes(string start, byte[] head)
    {
        _ = start;
        await using var h = await SdkHarness.StartAsync();
        var group = h.Emulator.AddRecordGroup("Bare");
        var audio = new byte[64 * 1024];
        new Random(head.Length).NextBytes(audio);
        head.CopyTo(audio, 0);
        h.Emulator.AddRecording(RecordingSeed.NewRecording(group.Id, "1700000000.7", RecordingSeed.T0, audio: audio));
        var recordings = h.Services.GetRequiredService<IRecordingsClient>();

        await using var download = await recordings.GetAsync(new GetRecordingRequest(group.Id, "1700000000.7", "1") { Wrap = RecordingWrap.None }, cancellationToken: SdkHarness.Token);
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy, SdkHarness.Token);

        Assert.Equal(audio, copy.ToArray());
        Assert.Equal("audio/wav", download.ContentType);
        Assert.Single(h.Emulator.RequestsTo(Get));
    }

    [Fact]
    public async Task BinaryContentWhereAnEnvelopeWasExpected_IsNeverQuotedInTheError()
    {
        await using var h = await SdkHarness.StartAsync(o => o.MaxRetries = 0);
        const string audio = "\u0000\u0001RIFF\u0002\u00ff\u00fe{\"x\":";
        h.Emulator.InjectFault(Get, EmulatorFault.Raw(200, audio, "application/json"));
        var recordings = h.Services.GetRequiredService<IRecordingsClient>();

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(async () =>
        {
            await using var download = await recordings.GetAsync(new GetRecordingRequest(1, "1700000000.7", "1") { Wrap = RecordingWrap.None }, cancellationToken: SdkHarness.Token);
        });

        Assert.Equal("(binary content, not quoted)", error.BodySnippet);
        Assert.DoesNotContain("RIFF", error.Message, StringComparison.Ordinal);
    }
}
