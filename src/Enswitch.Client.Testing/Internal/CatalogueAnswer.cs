using System.Globalization;
using System.Text.Json;

namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// Writes the success answer of a function served from the catalogue in its documented shape: nothing (204),
/// <c>{"id":N}</c>, <c>{"count":N}</c>, an object or an array of rows, each object holding the fields of the
/// guide's example with their JSON types.
/// </summary>
/// <remarks>
/// A stored object is written as its <c>id</c>, then the example's fields (its stored value where it has one,
/// else 0, <c>""</c>, <see langword="false"/>, <c>{}</c> or <c>[]</c> by type), then every other field it
/// stores, as a number where the category's functions take it as an integer and as a string otherwise. An
/// answer with no stored object behind it (a download, a get without its key) holds the example's fields
/// filled from the call's parameters of the same name. A field typed as an integer whose value is not a whole
/// number is written as 0, so that the SDK can always read the type the guide prints.
/// </remarks>
internal sealed class CatalogueAnswer
{
    private readonly CatalogueEntry _entry;
    private readonly CatalogueCategory _category;
    private readonly FunctionCall _call;
    private readonly Func<long> _nextId;
    private readonly List<CatalogueField> _fields;

    public CatalogueAnswer(CatalogueEntry entry, CatalogueCategory category, FunctionCall call, Func<long> nextId)
    {
        _entry = entry;
        _category = category;
        _call = call;
        _nextId = nextId;
        _fields = [.. entry.Fields.DistinctBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>Returns the answer about <paramref name="objects"/>, or, when <see langword="null"/>, about no stored object.</summary>
    public FunctionResult Of(IReadOnlyList<EmulatedObject>? objects) => _entry.Shape switch
    {
        CatalogueShape.None => FunctionResult.NoContent(),
        CatalogueShape.Id => Single("id", objects is [var created, ..] ? created.Id : _nextId()),
        CatalogueShape.Count => Single("count", objects?.Count ?? CsvLines()),
        CatalogueShape.Object => FunctionResult.Ok(writer =>
        {
            if (objects is [var found, ..])
            {
                WriteRow(writer, found);
            }
            else
            {
                WriteFromCall(writer);
            }
        }),
        // The emulator has no number inventory: two fixed numbers stand for what a server would offer.
        CatalogueShape.Strings => FunctionResult.Ok(writer =>
        {
            writer.WriteStartArray();
            writer.WriteStringValue("2125551234");
            writer.WriteStringValue("2125551235");
            writer.WriteEndArray();
        }),
        _ => FunctionResult.Ok(writer =>
        {
            writer.WriteStartArray();
            foreach (var row in objects ?? [])
            {
                WriteRow(writer, row);
            }

            writer.WriteEndArray();
        }),
    };

    private static FunctionResult Single(string name, long value) => FunctionResult.Ok(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber(name, value);
        writer.WriteEndObject();
    });

    private static void WriteValue(Utf8JsonWriter writer, string name, FieldType type, string? value)
    {
        switch (type)
        {
            case FieldType.Integer:
                writer.WriteNumber(name, WholeNumber(value) ?? 0);
                break;
            case FieldType.Number:
                writer.WriteNumber(name, decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : 0);
                break;
            case FieldType.Boolean:
                writer.WriteBoolean(name, value is "1" or "true");
                break;
            case FieldType.IntegerOrString when value is null || WholeNumber(value) is not null:
                writer.WriteNumber(name, WholeNumber(value) ?? 0);
                break;
            case FieldType.Object:
                writer.WriteStartObject(name);
                writer.WriteEndObject();
                break;
            case FieldType.Array:
                writer.WriteStartArray(name);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteString(name, value ?? string.Empty);
                break;
        }
    }

    private static long? WholeNumber(string? value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    private void WriteRow(Utf8JsonWriter writer, EmulatedObject row)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", row.Id);
        foreach (var field in _fields.Where(f => f.Name != "id"))
        {
            WriteValue(writer, field.Name, field.Type, row.Fields.GetValueOrDefault(field.Name));
        }

        foreach (var (name, value) in row.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (name != "id" && !_fields.Exists(f => f.Name == name))
            {
                var integer = _category.ParameterTypes.GetValueOrDefault(name) == ParameterType.Integer;
                WriteValue(writer, name, integer && WholeNumber(value) is not null ? FieldType.Integer : FieldType.String, value);
            }
        }

        writer.WriteEndObject();
    }

    private void WriteFromCall(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var field in _fields)
        {
            WriteValue(writer, field.Name, field.Type, _call[field.Name]);
        }

        writer.WriteEndObject();
    }

    /// <summary>Counts what an import received: the non-empty lines of its <c>csv</c>, or 1 for a function without one.</summary>
    private int CsvLines() =>
        _call["csv"] is { } csv ? csv.Split('\n').Count(line => line.Trim().Length > 0) : 1;
}
