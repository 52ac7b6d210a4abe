using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// Sends a recording's audio the three ways <c>recording/recordings/get</c> can (enswitch-api.md section
/// 2.5): bare file bytes, or inside the JSON envelope as base64 or as raw bytes. The audio is written
/// chunk by chunk, encoded straight into a small pooled buffer, so a 50 MB recording never exists a second
/// time in memory, as a string or otherwise.
/// </summary>
internal static class AudioResponse
{
    // A multiple of 3, so that every base64 chunk but the last is whole groups without padding. Raw
    // encoding can grow a byte six times (\u00XX): the buffer stays below the large object heap.
    private const int ChunkBytes = 12 * 1024;
    private const int BareChunkBytes = 64 * 1024;

    private static readonly byte[] AudioPropertyStart = ",\"data\":\""u8.ToArray();
    private static readonly byte[] AudioPropertyEnd = "\"}}"u8.ToArray();
    private static readonly byte[] Hex = "0123456789abcdef"u8.ToArray();

    /// <summary>Returns the SHA1 of the audio as lowercase hex, computed over the stored bytes without copying them.</summary>
    /// <remarks>
    /// SHA1 is weak, but it is the digest the guide's <c>sha1</c> parameter names; it is a checksum here,
    /// not security.
    /// </remarks>
#pragma warning disable CA5350 // The guide's parameter asks for SHA1 by name.
    public static string Sha1Hex(ReadOnlyMemory<byte> audio) =>
        string.Create(40, SHA1.HashData(audio.Span), static (chars, hash) =>
        {
            for (var i = 0; i < hash.Length; i++)
            {
                chars[2 * i] = (char)Hex[hash[i] >> 4];
                chars[(2 * i) + 1] = (char)Hex[hash[i] & 0xF];
            }
        });
#pragma warning restore CA5350

    /// <summary>Answers with the file itself (<c>wrap=none</c>): HTTP 200, the recording's media type, no envelope.</summary>
    public static FunctionResult Bare(EmulatedRecording recording) => FunctionResult.Ok() with
    {
        WriteBody = async (response, cancellationToken) =>
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = recording.MimeType;
            response.ContentLength = recording.Audio.Length;
            for (var offset = 0; offset < recording.Audio.Length; offset += BareChunkBytes)
            {
                var count = Math.Min(BareChunkBytes, recording.Audio.Length - offset);
                await response.Body.WriteAsync(recording.Audio.Slice(offset, count), cancellationToken).ConfigureAwait(false);
            }
        },
    };

    /// <summary>
    /// Answers with the envelope whose data object holds <paramref name="writeFields"/> and then the audio
    /// as <c>data</c>: base64 text, or (raw) a JSON string whose characters are the bytes 0 to 255.
    /// </summary>
    public static FunctionResult Wrapped(Action<Utf8JsonWriter> writeFields, ReadOnlyMemory<byte> audio, bool base64)
    {
        var head = FunctionResult.Ok(writer =>
        {
            writer.WriteStartObject();
            writeFields(writer);
            writer.WriteEndObject();
        });
        return head with { WriteBody = (response, cancellationToken) => WriteWrappedAsync(response, head, audio, base64, cancellationToken) };
    }

    private static async Task WriteWrappedAsync(HttpResponse response, FunctionResult head, ReadOnlyMemory<byte> audio, bool base64, CancellationToken cancellationToken)
    {
        // The compact envelope ends with "}}", the data object's brace and then the envelope's. The audio
        // property is spliced in before them, because Utf8JsonWriter on net8.0 cannot write one string
        // value in pieces.
        var envelope = EnvelopeWriter.Write(head);
        if (!envelope.AsSpan().EndsWith("}}"u8))
        {
            throw new InvalidOperationException("The envelope does not end with the data object.");
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = EnvelopeWriter.ContentType;
        await response.Body.WriteAsync(envelope.AsMemory(0, envelope.Length - 2), cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(AudioPropertyStart, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes * 6);
        try
        {
            for (var offset = 0; offset < audio.Length; offset += ChunkBytes)
            {
                var chunk = audio.Slice(offset, Math.Min(ChunkBytes, audio.Length - offset));
                var written = base64 ? EncodeBase64(chunk.Span, buffer) : EscapeBytes(chunk.Span, buffer);
                await response.Body.WriteAsync(buffer.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await response.Body.WriteAsync(AudioPropertyEnd, cancellationToken).ConfigureAwait(false);
    }

    private static int EncodeBase64(ReadOnlySpan<byte> chunk, Span<byte> target)
    {
        Base64.EncodeToUtf8(chunk, target, out _, out var written);
        return written;
    }

    /// <summary>
    /// Writes bytes as a Perl JSON encoder writes a byte string: each byte is the character of the same
    /// number, so 0x80 to 0xFF become two UTF-8 bytes, quote and backslash are escaped, and control
    /// characters use the short escapes or <c>\u00XX</c>.
    /// </summary>
    private static int EscapeBytes(ReadOnlySpan<byte> chunk, Span<byte> target)
    {
        var n = 0;
        foreach (var b in chunk)
        {
            var shortEscape = b switch
            {
                (byte)'"' => (byte)'"',
                (byte)'\\' => (byte)'\\',
                (byte)'\b' => (byte)'b',
                (byte)'\f' => (byte)'f',
                (byte)'\n' => (byte)'n',
                (byte)'\r' => (byte)'r',
                (byte)'\t' => (byte)'t',
                _ => (byte)0,
            };
            if (shortEscape != 0)
            {
                target[n++] = (byte)'\\';
                target[n++] = shortEscape;
            }
            else if (b < 0x20)
            {
                "\\u00"u8.CopyTo(target[n..]);
                target[n + 4] = Hex[b >> 4];
                target[n + 5] = Hex[b & 0xF];
                n += 6;
            }
            else if (b < 0x80)
            {
                target[n++] = b;
            }
            else
            {
                target[n++] = (byte)(0xC0 | (b >> 6));
                target[n++] = (byte)(0x80 | (b & 0x3F));
            }
        }

        return n;
    }
}
