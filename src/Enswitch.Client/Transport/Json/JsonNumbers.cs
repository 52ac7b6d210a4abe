using System.Globalization;
using System.Text.Json;

namespace Enswitch.Client.Transport;

/// <summary>
/// Reads whole numbers the way Enswitch sends them: as JSON numbers or as strings of digits (list rows are
/// raw database rows, and the envelope's own <c>code</c> is a string).
/// </summary>
internal static class JsonNumbers
{
    /// <summary>Reads a whole number, a numeric string, or null; anything else is a format error.</summary>
    public static long? ReadInt64(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return number;
            case JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case JsonTokenType.String when reader.GetString() is { Length: 0 }:
                return null;
            default:
                throw new EnvelopeFormatException($"A response value is not a whole number ({reader.TokenType}).");
        }
    }
}
