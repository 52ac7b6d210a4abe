using System.Net.Http.Headers;

namespace Enswitch.Client.Transport;

/// <summary>
/// Tells a bare recording (<c>wrap=none</c>) from an Enswitch envelope or an error page on a successful
/// response. The guide does not say what Content-Type the file has (enswitch-api.md section 4, quirk 14).
/// An audio or video type means the file and a JSON type the envelope, whatever the bytes. Every other
/// header is treated as saying nothing, because servers send both ways under it: Perl CGI's default
/// <c>text/html; charset=ISO-8859-1</c> or <c>text/plain</c> on the file, <c>application/octet-stream</c>
/// or <c>application/javascript</c> on an error envelope. Then the first bytes decide, and one byte is
/// never enough: headerless audio (u-law, A-law, slin, as Asterisk writes them) may start with any byte,
/// so only the start of a JSON object with a property name, or of an HTML or XML document, is text.
/// </summary>
internal static class BareFileSniffer
{
    /// <summary>How many bytes of the body are read, at most, before the body is handed over or parsed.</summary>
    public const int PrefixLength = 64;

    // The start of an HTML or XML page, after '<' (case-insensitive): what a proxy, a login portal or a web
    // server's error page begins with.
    private static readonly byte[][] PageStarts =
    [
        "!doctype"u8.ToArray(), "html"u8.ToArray(), "head"u8.ToArray(), "body"u8.ToArray(), "?xml"u8.ToArray(),
        "!--"u8.ToArray(), "title"u8.ToArray(), "meta"u8.ToArray(), "h1>"u8.ToArray(), "center"u8.ToArray(), "div"u8.ToArray(),
    ];

    /// <summary>What the Content-Type says about a successful response to a download.</summary>
    public enum Verdict
    {
        /// <summary>The file: an audio or video type.</summary>
        File,

        /// <summary>An envelope: a JSON type (<c>application/json</c>, <c>text/json</c>, <c>*/*+json</c>).</summary>
        Envelope,

        /// <summary>Any other type, or none: the first bytes decide.</summary>
        Unknown,
    }

    /// <summary>Returns what the response's Content-Type says the body is.</summary>
    public static Verdict FromContentType(MediaTypeHeaderValue? contentType)
    {
        var media = contentType?.MediaType?.Trim() ?? string.Empty;
        var slash = media.IndexOf('/');
        if (slash <= 0 || slash == media.Length - 1)
        {
            return Verdict.Unknown;
        }

        var type = media[..slash];
        var subtype = media[(slash + 1)..];
        if (Is(type, "audio") || Is(type, "video") || Is(media, "application/ogg"))
        {
            return Verdict.File;
        }

        return Is(subtype, "json") || subtype.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            ? Verdict.Envelope
            : Verdict.Unknown;
    }

    /// <summary>
    /// Returns whether the first bytes of a body whose type is unknown are text to parse: a JSON object that
    /// opens with a property name, an HTML or XML page, or nothing but white space up to the end.
    /// </summary>
    /// <param name="prefix">The first bytes, as <see cref="PrefixedStream.ReadPrefixAsync"/> read them.</param>
    /// <param name="complete">Whether the prefix is the whole body.</param>
    public static bool LooksLikeText(ReadOnlySpan<byte> prefix, bool complete)
    {
        var i = SkipPadding(prefix, 0);
        if (i == prefix.Length)
        {
            // Only padding: an empty answer, which the envelope parser reports as such; or more padding than
            // the prefix holds, which no envelope or page starts with.
            return complete;
        }

        return prefix[i] switch
        {
            (byte)'{' => StartsObject(prefix, i + 1),
            (byte)'<' => StartsPage(prefix[(i + 1)..]),
            _ => false,
        };
    }

    /// <summary>Returns whether a byte is part of a UTF-8 byte-order mark or JSON white space.</summary>
    public static bool IsPadding(byte b) => b is 0xEF or 0xBB or 0xBF or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    private static int SkipPadding(ReadOnlySpan<byte> bytes, int i)
    {
        while (i < bytes.Length && IsPadding(bytes[i]))
        {
            i++;
        }

        return i;
    }

    // '{' then white space, then a property name of name characters, its closing quote and a colon: an
    // envelope always has "responses". ("{}" alone is too weak: one random byte in 256 after the brace.)
    private static bool StartsObject(ReadOnlySpan<byte> bytes, int i)
    {
        i = SkipPadding(bytes, i);
        if (i >= bytes.Length || bytes[i] != (byte)'"')
        {
            return false;
        }

        var nameStart = ++i;
        while (i < bytes.Length && bytes[i] is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_')
        {
            i++;
        }

        if (i == nameStart || i >= bytes.Length || bytes[i] != (byte)'"')
        {
            return false;
        }

        i = SkipPadding(bytes, i + 1);
        return i < bytes.Length && bytes[i] == (byte)':';
    }

    private static bool StartsPage(ReadOnlySpan<byte> afterBracket)
    {
        foreach (var start in PageStarts)
        {
            if (afterBracket.Length >= start.Length && StartsWithIgnoreCase(afterBracket, start))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> lowerAscii)
    {
        for (var i = 0; i < lowerAscii.Length; i++)
        {
            var b = bytes[i];
            if ((b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b) != lowerAscii[i])
            {
                return false;
            }
        }

        return true;
    }
}
