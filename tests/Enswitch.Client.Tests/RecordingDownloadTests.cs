using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Enswitch.Client.Recording;
using RichardSzalay.MockHttp;

namespace Enswitch.Client.Tests;

/// <summary>
/// Downloading a recording without sockets, so that every build of the library (netstandard2.0 included,
/// whose streams and sequence reading are its own) decodes and streams the audio the same way.
/// </summary>
public class RecordingDownloadTests
{
    private static readonly GetRecordingRequest Wrapped = new(1, "1600000000.1", "1");

    private static byte[] Audio(int length)
    {
        var audio = new byte[length];
        new Random(length).NextBytes(audio);
        audio[0] = (byte)'R'; // a bare file must not start like JSON or HTML
        return audio;
    }

    private static byte[] Envelope(string audioJsonText) => Encoding.UTF8.GetBytes(
        $$$"""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"uniqueid":"1600000000.1","recordid":"1","recordgroup":1,"mimetype":"audio/wav","data":"{{{audioJsonText}}}"}}""");

    // The body arrives unsized in odd pieces, so it is held in several segments and escapes straddle their edges.
    private static RecordingsClient Client(byte[] body, string contentType, int chunk = 997)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(() =>
        {
            var content = new StreamContent(ForwardOnlyStream.InChunks(body, chunk));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        });
        return new RecordingsClient(mock.ToHttpClient(), TestOptions.Create());
    }

    private static async Task<byte[]> ReadAllAsync(Stream content, string how)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[4093];
        switch (how)
        {
            case "CopyToAsync":
                await content.CopyToAsync(copy, ClientHarness.Token);
                break;
            case "Read(byte[])":
                for (int read; (read = content.Read(buffer, 0, buffer.Length)) > 0;)
                {
                    copy.Write(buffer, 0, read);
                }

                break;
            default:
                for (int read; (read = await content.ReadAsync(buffer.AsMemory(), ClientHarness.Token)) > 0;)
                {
                    copy.Write(buffer, 0, read);
                }

                break;
        }

        return copy.ToArray();
    }

    [Theory]
    [InlineData("plain", "CopyToAsync")]
    [InlineData("plain", "Read(byte[])")]
    [InlineData("newline", "ReadAsync(Memory)")]
    [InlineData("unicode", "CopyToAsync")]
    [InlineData("slash", "Read(byte[])")]
    public async Task DecodesWrappedAudioAcrossSegmentsAndEscapes(string style, string how)
    {
        var audio = Audio(200 * 1024);
        var base64 = Convert.ToBase64String(audio);
        var text = style switch
        {
            "newline" => string.Concat(base64.Chunk(76).Select(line => new string(line) + "\\n")),
            "unicode" => base64.Replace("+", "\\u002B", StringComparison.Ordinal),
            "slash" => base64.Replace("/", "\\/", StringComparison.Ordinal),
            _ => base64,
        };

        await using var download = await Client(Envelope(text), "application/json").GetAsync(Wrapped, cancellationToken: ClientHarness.Token);

        Assert.Equal(audio, await ReadAllAsync(download.Content, how));
        Assert.Equal(audio.Length, download.Content.Position);
        Assert.Equal("audio/wav", download.ContentType);
    }

    [Theory]
    [InlineData("CopyToAsync")]
    [InlineData("Read(byte[])")]
    [InlineData("ReadAsync(Memory)")]
    public async Task StreamsABareFileByteForByte(string how)
    {
        var audio = Audio(150 * 1024 + 7);

        await using var download = await Client(audio, "audio/wav").GetAsync(Wrapped with { Wrap = RecordingWrap.None }, cancellationToken: ClientHarness.Token);

        Assert.Equal(audio, await ReadAllAsync(download.Content, how));
        Assert.Equal(audio.Length, download.Content.Position);
    }

    [Fact]
    public async Task ReportsAudioThatIsNotBase64AsAProtocolError()
    {
        await using var download = await Client(Envelope("not*base64!"), "application/json").GetAsync(Wrapped, cancellationToken: ClientHarness.Token);

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => ReadAllAsync(download.Content, "CopyToAsync"));

        Assert.Contains("recording/recordings/get", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesToReadAfterTheDownloadIsDisposed()
    {
        var download = await Client(Envelope(Convert.ToBase64String(Audio(4096))), "application/json").GetAsync(Wrapped, cancellationToken: ClientHarness.Token);

        await download.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => download.Content.Read(new byte[16], 0, 16));
    }
}
