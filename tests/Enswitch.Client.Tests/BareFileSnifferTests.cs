using System.Net.Http.Headers;
using System.Text;
using Enswitch.Client.Transport;

namespace Enswitch.Client.Tests;

/// <summary>
/// How a successful answer to a bare-file download (<c>wrap=none</c>) is told apart: the Content-Type when it
/// is specific, several bytes when it says nothing; never one byte.
/// </summary>
public class BareFileSnifferTests
{
    [Theory]
    [InlineData("audio/wav", "File")]
    [InlineData("audio/x-wav", "File")]
    [InlineData("AUDIO/MPEG", "File")]
    [InlineData("video/mp4", "File")]
    [InlineData("application/ogg", "File")]
    [InlineData("application/json", "Envelope")]
    [InlineData("Application/JSON; charset=utf-8", "Envelope")]
    [InlineData("text/json", "Envelope")]
    [InlineData("application/problem+json", "Envelope")]
    // Sent both ways by real servers (Perl CGI's default on the file; older stacks on an envelope): the bytes decide.
    [InlineData("text/html; charset=ISO-8859-1", "Unknown")]
    [InlineData("text/plain", "Unknown")]
    [InlineData("application/octet-stream", "Unknown")]
    [InlineData("application/javascript", "Unknown")]
    [InlineData(null, "Unknown")]
    public void TrustsOnlyASpecificContentType(string? contentType, string expected)
    {
        var header = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);

        Assert.Equal(expected, BareFileSniffer.FromContentType(header).ToString());
    }

    [Theory]
    [InlineData("""{"responses":[{"code":"404"}]}""")]
    [InlineData(""" { "data" : 1 """)]
    [InlineData("\uFEFF\r\n{\"responses\":")]
    [InlineData("<!DOCTYPE html><html>")]
    [InlineData("  <HTML><body>Bad gateway")]
    [InlineData("<?xml version=\"1.0\"?>")]
    [InlineData("   ")]
    public void TakesTheStartOfAnEnvelopeOrAPageForText(string start)
    {
        var bytes = Encoding.UTF8.GetBytes(start);

        Assert.True(BareFileSniffer.LooksLikeText(bytes, complete: true));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{ }\u0001")]
    [InlineData("<h1\u0002")]
    [InlineData("{\u0001\u0080RIFF")]
    [InlineData("{ 12, ")]
    [InlineData("{\"\u00ff\u0003")]
    [InlineData("<\u0000\u0013")]
    [InlineData("<h\u0000tml")]
    [InlineData("RIFF$\u0000\u0000\u0000WAVEfmt ")]
    public void TakesAFileThatStartsWithABraceOrABracketForTheFile(string start)
    {
        var bytes = Encoding.Latin1.GetBytes(start);

        Assert.False(BareFileSniffer.LooksLikeText(bytes, complete: false));
    }

    [Fact]
    public void TakesNoneOfManyRandomHeaderlessAudioFilesForText()
    {
        // u-law, A-law and slin start with any byte; a seeded sample of a hundred thousand starts, a quarter of
        // them forced to open with '{' or '<' after some padding, the worst case for a one-byte rule.
        var random = new Random(20261201);
        var prefix = new byte[BareFileSniffer.PrefixLength];
        var text = 0;
        for (var i = 0; i < 100_000; i++)
        {
            random.NextBytes(prefix);
            if (i % 4 == 0)
            {
                var at = random.Next(0, 4);
                prefix.AsSpan(0, at).Fill((byte)' ');
                prefix[at] = i % 8 == 0 ? (byte)'{' : (byte)'<';
            }

            text += BareFileSniffer.LooksLikeText(prefix, complete: false) ? 1 : 0;
        }

        Assert.Equal(0, text);
    }
}
