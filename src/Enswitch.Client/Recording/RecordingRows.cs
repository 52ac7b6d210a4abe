using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Enswitch.Client.Transport;

namespace Enswitch.Client.Recording;

/// <summary>
/// Reads recording rows out of <c>data</c> without reflection. Rows are raw database rows whose fields
/// vary by version (quirk 19): numbers may come as strings, and anything unknown or unreadable is kept.
/// </summary>
internal static class RecordingRows
{
    /// <summary>Reads <c>data</c> as an array of rows.</summary>
    public static IReadOnlyList<RecordingInfo> ReadList(EnswitchEnvelope envelope)
    {
        if (envelope.Data is not { } data)
        {
            throw new EnvelopeFormatException("The response has no 'data' with the recordings.");
        }

        var reader = new Utf8JsonReader(data);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new EnvelopeFormatException("The response 'data' is not an array of recordings.");
        }

        var rows = new List<RecordingInfo>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            rows.Add(ReadRow(ref reader, data, out _));
        }

        return rows;
    }

    /// <summary>
    /// Reads one row object; the audio field <c>data</c> (a base64 string, in a get) is not kept but its
    /// position in <paramref name="source"/> is returned, so it can be decoded where it lies.
    /// </summary>
    public static RecordingInfo ReadRow(ref Utf8JsonReader reader, ReadOnlySequence<byte> source, out AudioField audio)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new EnvelopeFormatException("A recording is not a JSON object.");
        }

        audio = default;
        var names = new PropertyNameSet();
        var extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var row = new RecordingInfo(string.Empty);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            names.Add(ref reader);
            var name = reader.GetString()!;
            reader.Read();
            if (name == "data" && reader.TokenType == JsonTokenType.String)
            {
                // TokenStartIndex is the opening quote; the value follows it.
                var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                audio = new AudioField(source.Slice(reader.TokenStartIndex + 1, length), reader.ValueIsEscaped, Found: true);
                continue;
            }

            var value = JsonElement.ParseValue(ref reader);
            row = Apply(row, name, value) ?? Keep(row, extra, name, value);
        }

        if (row.UniqueId.Length == 0)
        {
            throw new EnvelopeFormatException("A recording has no 'uniqueid'.");
        }

        return row with { AdditionalFields = extra };
    }

    private static RecordingInfo Keep(RecordingInfo row, Dictionary<string, JsonElement> extra, string name, JsonElement value)
    {
        extra[name] = value;
        return row;
    }

    // Returns the row with the typed field set, or null when the field is not typed or not readable as its type.
    private static RecordingInfo? Apply(RecordingInfo row, string name, JsonElement value) => name switch
    {
        "uniqueid" => Text(value) is { Length: > 0 } text ? row with { UniqueId = text } : null,
        "recordid" => Text(value) is { } text ? row with { RecordId = text } : null,
        "recordgroup" => Number(value) is { } number ? row with { RecordGroupId = number } : null,
        "start" => Number(value) is { } number ? row with { Start = DateTimeOffset.FromUnixTimeSeconds(number) } : null,
        "end" => Number(value) is { } number ? row with { End = DateTimeOffset.FromUnixTimeSeconds(number) } : null,
        "expires" => Number(value) is { } number ? row with { Expires = DateTimeOffset.FromUnixTimeSeconds(number) } : null,
        "totaltime" => Number(value) is { } number ? row with { TotalTime = TimeSpan.FromSeconds(number) } : null,
        "cnumber" => Text(value) is { } text ? row with { CNumber = text } : null,
        "snumber" => Text(value) is { } text ? row with { SNumber = text } : null,
        "dnumber" => Text(value) is { } text ? row with { DNumber = text } : null,
        "complete" => Number(value) is { } number ? row with { Complete = number == 1 } : null,
        "mimetype" => Text(value) is { } text ? row with { MimeType = text } : null,
        "size" => Number(value) is { } number ? row with { Size = number } : null,
        _ => null,
    };

    // Identifiers are text even when a server sends them as JSON numbers.
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    // Unix times and sizes within what DateTimeOffset accepts; other values stay in AdditionalFields.
    private static long? Number(JsonElement value)
    {
        long number;
        var ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out number),
            JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number),
            _ => (number = 0) != 0,
        };

        return ok && number is >= -62135596800 and <= 253402300799 ? number : null;
    }
}
