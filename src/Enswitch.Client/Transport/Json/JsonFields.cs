using System.Buffers;
using System.Buffers.Text;
using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;

namespace Enswitch.Client.Transport;

/// <summary>
/// Reads the fields of the generated object and row types the way Enswitch sends them: a whole number as a JSON number
/// or a string of digits (an empty string is no value), text as a string or, where the server's row held a number or
/// boolean, as its JSON text (<c>true</c> as <c>1</c>). A field named twice is refused (faults.md J13): a row with two
/// different values must not be read as either. Every error is an <see cref="EnvelopeFormatException"/> that names the
/// field, never its value.
/// </summary>
internal static class JsonFields
{
    /// <summary>Gets the additional fields of a result that has none.</summary>
    public static IReadOnlyDictionary<string, JsonElement> None { get; } = new ReadOnlyDictionary<string, JsonElement>(new Dictionary<string, JsonElement>(0));

    /// <summary>Moves to the value of the current property and reads it as a whole number, marking the field seen.</summary>
    public static long? Int64(ref Utf8JsonReader reader, ref int seen, int bit, string name)
    {
        See(ref seen, bit, name);
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return number;
            case JsonTokenType.String when !reader.ValueIsEscaped:
                var text = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
                if (text.Length == 0)
                {
                    return null;
                }

                if (text[0] != (byte)'+' && Utf8Parser.TryParse(text, out long value, out var used) && used == text.Length)
                {
                    return value;
                }

                break;
        }

        throw new EnvelopeFormatException($"The field '{name}' is not a whole number.");
    }

    /// <summary>Moves to the value of the current property and reads it as text, marking the field seen.</summary>
    public static string? Text(ref Utf8JsonReader reader, ref int seen, int bit, string name)
    {
        See(ref seen, bit, name);
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray()),
            JsonTokenType.True => "1",
            JsonTokenType.False => "0",
            _ => throw new EnvelopeFormatException($"The field '{name}' is not text."),
        };
    }

    /// <summary>Passes over the value of a property the catalogue does not type, and notes that the object has one.</summary>
    public static void SkipExtra(ref Utf8JsonReader reader, ref bool extra)
    {
        extra = true;
        reader.Read();
        reader.Skip();
    }

    /// <summary>Returns a value as text: a string, a number's JSON text, 1 or 0 for a boolean; <see langword="null"/> for null or for an object or array.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        _ => null,
    };

    /// <summary>
    /// Returns the fields of <paramref name="element"/> that are not among <paramref name="typed"/>, as the server sent
    /// them, in their order; a name sent twice is refused.
    /// </summary>
    public static Dictionary<string, JsonElement> Extras(JsonElement element, string[] typed)
    {
        var extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            // JsonProperty.Name makes a new string on each read: read it once.
            var name = property.Name;
            if (Array.IndexOf(typed, name) >= 0)
            {
                continue;
            }

            if (extra.ContainsKey(name))
            {
                throw new EnvelopeFormatException("The response repeats a property name.");
            }

            extra.Add(name, property.Value);
        }

        return extra;
    }

    private static void See(ref int seen, int bit, string name)
    {
        if ((seen & bit) != 0)
        {
            throw new EnvelopeFormatException($"The response repeats the field '{name}'.");
        }

        seen |= bit;
    }
}
