using System.Buffers;
using System.Text.Json;

namespace Enswitch.Client.Testing.Internal;

/// <summary>Writes the Enswitch envelope, with <c>code</c> as a JSON string like the real server.</summary>
internal static class EnvelopeWriter
{
    public const string ContentType = "application/json; charset=utf-8";

    public static byte[] Write(FunctionResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("responses");
            writer.WriteStartObject();
            writer.WriteString("code", result.Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("key", result.Key);
            writer.WriteString("message", result.Message);
            writer.WriteEndObject();
            writer.WriteEndArray();
            if (result.WriteData is { } data)
            {
                writer.WritePropertyName("data");
                data(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
