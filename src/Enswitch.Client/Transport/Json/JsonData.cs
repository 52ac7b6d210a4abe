using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Enswitch.Client.Transport;

/// <summary>
/// Reads an envelope's <c>data</c> into the generated object and row types with System.Text.Json source generation
/// (no reflection, safe to trim and AOT-compile). Every shape error is an <see cref="EnvelopeFormatException"/>.
/// </summary>
internal static class JsonData
{
    private static readonly LenientStringConverter Text = new();

    /// <summary>Creates the reader of a function that answers one object.</summary>
    public static ResponseReader<T> Object<T>(JsonTypeInfo<T> type) => ResponseReader<T>.Envelope(envelope => ReadObject(envelope, type));

    /// <summary>Creates the reader of a function that answers an array of rows.</summary>
    public static ResponseReader<IReadOnlyList<T>> Rows<T>(JsonTypeInfo<T> type) => ResponseReader<IReadOnlyList<T>>.Envelope(envelope => ReadRows(envelope, type));

    /// <summary>Gets the reader of a function that answers an array of text values (numbers are kept as their JSON text).</summary>
    public static ResponseReader<IReadOnlyList<string>> Strings { get; } = ResponseReader<IReadOnlyList<string>>.Envelope(ReadStrings);

    private static List<string> ReadStrings(EnswitchEnvelope envelope)
    {
        var reader = Start(envelope, JsonTokenType.StartArray, "an array of values");
        var values = new List<string>();
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                values.Add(Text.Read(ref reader, typeof(string), EnswitchJsonContext.Default.Options)
                    ?? throw new EnvelopeFormatException($"Value {values.Count} of the response 'data' is null."));
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new EnvelopeFormatException($"Value {values.Count} of the response 'data' is not text or a number.", exception);
        }

        return values;
    }

    private static T ReadObject<T>(EnswitchEnvelope envelope, JsonTypeInfo<T> type)
    {
        var reader = Start(envelope, JsonTokenType.StartObject, "an object");
        return ReadOne(ref reader, type);
    }

    private static List<T> ReadRows<T>(EnswitchEnvelope envelope, JsonTypeInfo<T> type)
    {
        var reader = Start(envelope, JsonTokenType.StartArray, "an array of rows");
        var rows = new List<T>();
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new EnvelopeFormatException($"Row {rows.Count} of the response 'data' is not an object.");
                }

                rows.Add(ReadOne(ref reader, type));
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new EnvelopeFormatException("The response 'data' is not well-formed JSON text.", exception);
        }

        return rows;
    }

    private static Utf8JsonReader Start(EnswitchEnvelope envelope, JsonTokenType expected, string what)
    {
        if (envelope.Data is not { } data)
        {
            throw new EnvelopeFormatException($"The response has no 'data' where the function answers {what}.");
        }

        var reader = new Utf8JsonReader(data);
        reader.Read();
        return reader.TokenType == expected ? reader : throw new EnvelopeFormatException($"The response 'data' is not {what}.");
    }

    private static T ReadOne<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(ref reader, type) ?? throw new EnvelopeFormatException("The response 'data' holds null where an object belongs.");
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            // The message of a JsonException names the path and position only, never a value.
            throw new EnvelopeFormatException("The response 'data' does not have the types the function answers: " + (exception as JsonException)?.Path, exception);
        }
    }
}
