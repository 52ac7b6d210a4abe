using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enswitch.Client.Transport;

/// <summary>
/// Reads a whole number the way Enswitch sends it: a JSON number, or a string of digits (database rows arrive as
/// text); an empty string or null is no value. Anything else is a protocol error, never a guess.
/// </summary>
internal sealed class LenientInt64Converter : JsonConverter<long?>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
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

                if (Utf8Parser.TryParse(text, out long value, out var used) && used == text.Length && text[0] != (byte)'+')
                {
                    return value;
                }

                break;
        }

        throw new JsonException("A whole number was expected.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
