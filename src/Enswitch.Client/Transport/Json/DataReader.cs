using System.Buffers.Text;
using System.Text.Json;

namespace Enswitch.Client.Transport;

/// <summary>
/// Reads the typed results out of an envelope's <c>data</c>; every shape error is an
/// <see cref="EnvelopeFormatException"/>.
/// </summary>
internal static class DataReader
{
    /// <summary>Creates the reader of a create that answers <c>{"id":N}</c>.</summary>
    public static ResponseReader<T> IdReader<T>(Func<long, T> result) => ResponseReader<T>.Envelope(envelope => result(ReadCreatedId(envelope)));

    /// <summary>Creates the reader of a function that answers <c>{"count":N}</c>.</summary>
    public static ResponseReader<T> CountReader<T>(Func<long, T> result) => ResponseReader<T>.Envelope(envelope => result(ReadWholeNumber(envelope, "count", minimum: 0)));

    /// <summary>
    /// Reads <c>data.id</c> of a create: a positive whole number (a JSON number, or a string of digits).
    /// </summary>
    public static long ReadCreatedId(EnswitchEnvelope envelope) => ReadWholeNumber(envelope, "id", minimum: 1);

    private static long ReadWholeNumber(EnswitchEnvelope envelope, string key, long minimum)
    {
        try
        {
            return ReadWholeNumberCore(envelope, key, minimum);
        }
        catch (InvalidOperationException exception)
        {
            // Utf8JsonReader raises this for a property name that is not valid UTF-8 or holds a lone
            // surrogate escape ("\udc00"); the envelope parser skipped over 'data' without reading names.
            throw new EnvelopeFormatException("The response 'data' holds text that is not valid UTF-8.", exception);
        }
    }

    private static long ReadWholeNumberCore(EnswitchEnvelope envelope, string key, long minimum)
    {
        if (envelope.Data is not { } data)
        {
            throw new EnvelopeFormatException($"The response has no 'data' with the '{key}'.");
        }

        var reader = new Utf8JsonReader(data);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new EnvelopeFormatException("The response 'data' is not an object.");
        }

        long? id = null;
        var names = new PropertyNameSet();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // The key is checked on its own, so a usual answer ({"id":123}) builds no set of names.
            var isKey = reader.ValueTextEquals(key);
            if (!isKey)
            {
                names.Add(ref reader);
            }
            else if (id is not null)
            {
                throw new EnvelopeFormatException("The response repeats a property name.");
            }

            reader.Read();
            if (isKey)
            {
                id = ReadNumber(ref reader, key, minimum);
            }
            else
            {
                reader.Skip();
            }
        }

        return id ?? throw new EnvelopeFormatException($"The response 'data' has no '{key}'.");
    }

    private static long ReadNumber(ref Utf8JsonReader reader, string key, long minimum)
    {
        long value;
        var ok = reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt64(out value),
            // A value split between two read buffers comes as a sequence; an id is short, so copy it.
            JsonTokenType.String when !reader.ValueIsEscaped => TryParseDigits(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan, out value),
            _ => (value = 0) != 0,
        };

        if (!ok || value < minimum)
        {
            throw new EnvelopeFormatException(minimum > 0 ? $"The response 'data.{key}' is not a positive whole number." : $"The response 'data.{key}' is not a whole number of 0 or more.");
        }

        return value;
    }

    private static bool TryParseDigits(ReadOnlySpan<byte> text, out long value) =>
        Utf8Parser.TryParse(text, out value, out var used) && used == text.Length && text[0] != (byte)'-' && text[0] != (byte)'+';
}
