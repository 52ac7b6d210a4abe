using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Enswitch.Client.Transport;

/// <summary>
/// Reads the Enswitch response envelope with <see cref="Utf8JsonReader"/>: no reflection, no DOM, and
/// every malformed input ends as an <see cref="EnvelopeFormatException"/> (faults.md J1-J19).
/// </summary>
internal static class EnvelopeParser
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = 64,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Parses <paramref name="body"/>; the returned envelope's data slices <paramref name="body"/>.</summary>
    public static EnswitchEnvelope Parse(ReadOnlyMemory<byte> body) => Parse(new ReadOnlySequence<byte>(body));

    /// <summary>Parses <paramref name="body"/>; the returned envelope's data slices <paramref name="body"/>.</summary>
    public static EnswitchEnvelope Parse(ReadOnlySequence<byte> body)
    {
        try
        {
            return ParseCore(StripBom(body));
        }
        catch (JsonException exception)
        {
            throw new EnvelopeFormatException("The response is not valid JSON.", exception);
        }
        catch (InvalidOperationException exception)
        {
            // Utf8JsonReader raises this for invalid UTF-8 inside a string.
            throw new EnvelopeFormatException("The response holds text that is not valid UTF-8.", exception);
        }
    }

    /// <summary>Returns whether the body looks like an HTML page, as a proxy's error page does.</summary>
    public static bool LooksLikeHtml(ReadOnlySpan<byte> body)
    {
        body = StripBom(body);
        var i = 0;
        while (i < body.Length && body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i < body.Length && body[i] == (byte)'<';
    }

    /// <summary>Returns the first bytes of a body, at most <paramref name="count"/>, as one span.</summary>
    public static ReadOnlySpan<byte> Head(ReadOnlySequence<byte> body, int count) =>
        body.FirstSpan.Length >= count || body.IsSingleSegment
            ? body.FirstSpan[..Math.Min(count, body.FirstSpan.Length)]
            : body.Slice(0, Math.Min(count, body.Length)).ToArray();

    private static ReadOnlySequence<byte> StripBom(ReadOnlySequence<byte> body) =>
        Head(body, 3).StartsWith("\uFEFF"u8) ? body.Slice(3) : body;

    private static ReadOnlySpan<byte> StripBom(ReadOnlySpan<byte> body) =>
        body.StartsWith("\uFEFF"u8) ? body[3..] : body;

    private static EnswitchEnvelope ParseCore(ReadOnlySequence<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new EnvelopeFormatException("The response body is empty.");
        }

        var reader = new Utf8JsonReader(body, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new EnvelopeFormatException("The response is not a JSON object.");
        }

        List<EnswitchResponseEntry>? responses = null;
        ReadOnlySequence<byte>? data = null;
        var seenResponses = false;
        var seenData = false;
        var others = new PropertyNameSet();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("responses"u8))
            {
                EnsureFirst(ref seenResponses, "responses");
                reader.Read();
                responses = ReadResponses(ref reader);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                EnsureFirst(ref seenData, "data");
                reader.Read();
                var start = reader.TokenStartIndex;
                reader.Skip();
                data = body.Slice(start, reader.BytesConsumed - start);
            }
            else
            {
                others.Add(ref reader);
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new EnvelopeFormatException("The response object is malformed.");
        }

        if (reader.Read())
        {
            throw new EnvelopeFormatException("The response has content after the JSON object.");
        }

        if (responses is null || responses.Count == 0)
        {
            throw new EnvelopeFormatException("The response has no 'responses' entry.");
        }

        return new EnswitchEnvelope(responses, data);
    }

    private static List<EnswitchResponseEntry> ReadResponses(ref Utf8JsonReader reader)
    {
        var list = new List<EnswitchResponseEntry>(1);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(ReadEntry(ref reader));
                }

                break;

            // One third-party client reports a bare object on some paths (enswitch-api.md section 4, quirk 5).
            case JsonTokenType.StartObject:
                list.Add(ReadEntry(ref reader));
                break;

            default:
                throw new EnvelopeFormatException("The 'responses' value is neither an array nor an object.");
        }

        return list;
    }

    private static EnswitchResponseEntry ReadEntry(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new EnvelopeFormatException("A 'responses' entry is not an object.");
        }

        int? code = null;
        string? key = null;
        string? message = null;

        // Tracked apart from the values: a JSON null leaves the value null, and must still count as seen (J13).
        var seenKey = false;
        var seenMessage = false;
        var others = new PropertyNameSet();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                EnsureFirst(code is not null, "code");
                reader.Read();
                code = ReadCode(ref reader);
            }
            else if (reader.ValueTextEquals("key"u8))
            {
                EnsureFirst(ref seenKey, "key");
                reader.Read();
                key = ReadOptionalString(ref reader, "key");
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                EnsureFirst(ref seenMessage, "message");
                reader.Read();
                message = ReadOptionalString(ref reader, "message");
            }
            else
            {
                others.Add(ref reader);
                reader.Read();
                reader.Skip();
            }
        }

        if (code is null)
        {
            throw new EnvelopeFormatException("A 'responses' entry has no 'code'.");
        }

        return new EnswitchResponseEntry(code.Value, key ?? string.Empty, message ?? string.Empty);
    }

    // Enswitch sends the code as a JSON string ("200"); a number is accepted too (quirk 1).
    private static int ReadCode(ref Utf8JsonReader reader)
    {
        int value;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (!int.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out value))
                {
                    throw new EnvelopeFormatException("A response 'code' is not a whole number.");
                }

                break;
            case JsonTokenType.Number:
                if (!reader.TryGetInt32(out value))
                {
                    throw new EnvelopeFormatException("A response 'code' is not a whole number.");
                }

                break;
            default:
                throw new EnvelopeFormatException("A response 'code' is neither a string nor a number.");
        }

        if (value is < 100 or > 999)
        {
            throw new EnvelopeFormatException("A response 'code' is outside 100-999.");
        }

        return value;
    }

    private static string? ReadOptionalString(ref Utf8JsonReader reader, string name) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        _ => throw new EnvelopeFormatException($"A response '{name}' is not a string."),
    };

    private static void EnsureFirst(ref bool seen, string name)
    {
        EnsureFirst(seen, name);
        seen = true;
    }

    private static void EnsureFirst(bool seen, string name)
    {
        if (seen)
        {
            throw new EnvelopeFormatException($"The response repeats the property '{name}'.");
        }
    }
}
