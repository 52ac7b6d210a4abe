using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enswitch.Client.Transport;

/// <summary>
/// Reads a text field the way Enswitch sends it: a string, or a number or boolean where the server's row held one
/// (kept as its JSON text); null is no value. An object or array is a protocol error.
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string?>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray()),
        JsonTokenType.True => "1",
        JsonTokenType.False => "0",
        _ => throw new JsonException("Text was expected."),
    };

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
