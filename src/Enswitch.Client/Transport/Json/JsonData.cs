using System.Buffers;
using System.Text.Json;

namespace Enswitch.Client.Transport;

/// <summary>
/// Reads an envelope's <c>data</c> into the generated object and row types, without reflection (safe to trim and
/// AOT-compile). One forward pass reads the typed fields of every object with its type's generated reader. Only when an
/// object has fields the catalogue does not type is the data parsed into a <see cref="JsonDocument"/> of its own, which
/// those objects' <c>AdditionalFields</c> keep: one document for the whole answer, not one per value. Every shape error is
/// an <see cref="EnvelopeFormatException"/>.
/// </summary>
internal static class JsonData
{
    /// <summary>Creates the reader of a function that answers one object.</summary>
    public static ResponseReader<T> Object<T>(RowReader<T> type) => ResponseReader<T>.Envelope(envelope =>
    {
        var data = Data(envelope, "an object");
        try
        {
            var reader = Start(data, JsonTokenType.StartObject, "an object");
            var extra = false;
            var value = Read(type, ref reader, ref extra, -1);
            if (extra)
            {
                type.SetExtra(value, Extras(Document(data), type.FieldNames, -1));
            }

            return value;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new EnvelopeFormatException("The response 'data' is not well-formed JSON text.", exception);
        }
    });

    /// <summary>Creates the reader of a function that answers an array of rows.</summary>
    public static ResponseReader<IReadOnlyList<T>> Rows<T>(RowReader<T> type) => ResponseReader<IReadOnlyList<T>>.Envelope(envelope =>
    {
        var data = Data(envelope, "an array of rows");
        if (type.FieldNames.Length == 0)
        {
            return Untyped(type, data);
        }

        try
        {
            var reader = Start(data, JsonTokenType.StartArray, "an array of rows");
            var rows = new List<T>();
            List<int>? withExtra = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new EnvelopeFormatException($"Row {rows.Count} of the response 'data' is not an object.");
                }

                var extra = false;
                rows.Add(Read(type, ref reader, ref extra, rows.Count));
                if (extra)
                {
                    (withExtra ??= []).Add(rows.Count - 1);
                }
            }

            if (withExtra is not null)
            {
                // A second look, at the rows that have fields the catalogue does not type, through one document.
                var next = 0;
                var index = 0;
                foreach (var row in Document(data).EnumerateArray())
                {
                    if (next < withExtra.Count && withExtra[next] == index)
                    {
                        type.SetExtra(rows[index], Extras(row, type.FieldNames, index));
                        next++;
                    }

                    index++;
                }
            }

            return rows;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new EnvelopeFormatException("The response 'data' is not well-formed JSON text.", exception);
        }
    });

    /// <summary>Gets the reader of a function that answers an array of text values (numbers are kept as their JSON text).</summary>
    public static ResponseReader<IReadOnlyList<string>> Strings { get; } = ResponseReader<IReadOnlyList<string>>.Envelope(envelope =>
    {
        var data = Document(Data(envelope, "an array of values"));
        if (data.ValueKind != JsonValueKind.Array)
        {
            throw new EnvelopeFormatException("The response 'data' is not an array of values.");
        }

        var values = new List<string>(data.GetArrayLength());
        foreach (var value in data.EnumerateArray())
        {
            values.Add(JsonFields.Text(value) ?? throw new EnvelopeFormatException($"Value {values.Count} of the response 'data' is not text or a number."));
        }

        return values;
    });

    // A row type with no typed field (the guide shows no example) has every field in AdditionalFields: one document, no
    // first pass.
    private static List<T> Untyped<T>(RowReader<T> type, ReadOnlySequence<byte> data)
    {
        var document = Document(data);
        if (document.ValueKind != JsonValueKind.Array)
        {
            throw new EnvelopeFormatException("The response 'data' is not an array of rows.");
        }

        var rows = new List<T>(document.GetArrayLength());
        foreach (var row in document.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Object)
            {
                throw new EnvelopeFormatException($"Row {rows.Count} of the response 'data' is not an object.");
            }

            var value = type.Create();
            type.SetExtra(value, Extras(row, type.FieldNames, rows.Count));
            rows.Add(value);
        }

        return rows;
    }

    private static ReadOnlySequence<byte> Data(EnswitchEnvelope envelope, string what) =>
        envelope.Data ?? throw new EnvelopeFormatException($"The response has no 'data' where the function answers {what}.");

    private static Utf8JsonReader Start(ReadOnlySequence<byte> data, JsonTokenType expected, string what)
    {
        var reader = new Utf8JsonReader(data);
        reader.Read();
        return reader.TokenType == expected ? reader : throw new EnvelopeFormatException($"The response 'data' is not {what}.");
    }

    private static T Read<T>(RowReader<T> type, ref Utf8JsonReader reader, ref bool extra, int row)
    {
        try
        {
            return type.Read(ref reader, ref extra);
        }
        catch (EnvelopeFormatException exception)
        {
            throw new EnvelopeFormatException($"{Where(row)} does not have the types the function answers. {exception.Message}", exception);
        }
    }

    private static Dictionary<string, JsonElement> Extras(JsonElement element, string[] typed, int row)
    {
        try
        {
            return JsonFields.Extras(element, typed);
        }
        catch (EnvelopeFormatException exception)
        {
            throw new EnvelopeFormatException($"{Where(row)}: {exception.Message}", exception);
        }
    }

    private static string Where(int row) => row < 0 ? "The response 'data'" : $"Row {row} of the response 'data'";

    /// <summary>
    /// Parses the data and returns it as a document of its own: the body's pooled buffers go back to the pool when the
    /// call ends, and the results keep this compact copy.
    /// </summary>
    private static JsonElement Document(ReadOnlySequence<byte> data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new EnvelopeFormatException("The response 'data' is not well-formed JSON text.", exception);
        }
    }
}
