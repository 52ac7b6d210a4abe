using System.Text.Json;

namespace Enswitch.Client.Transport;

/// <summary>
/// How to read one generated object or row type: its generated one-pass reader of the typed fields, the wire names of
/// those fields, and how to give a read object the fields the catalogue does not type.
/// </summary>
/// <typeparam name="T">The generated type.</typeparam>
internal sealed class RowReader<T>
{
    public RowReader(ReadTyped read, string[] fieldNames, Func<T> create, Action<T, Dictionary<string, JsonElement>> setExtra)
    {
        Read = read;
        FieldNames = fieldNames;
        Create = create;
        SetExtra = setExtra;
    }

    /// <summary>
    /// Reads the typed fields of the object that starts at the reader's <c>StartObject</c> token, leaves the reader on its
    /// <c>EndObject</c>, and sets <paramref name="extra"/> when the object has a field the catalogue does not type.
    /// </summary>
    public delegate T ReadTyped(ref Utf8JsonReader reader, ref bool extra);

    public ReadTyped Read { get; }

    /// <summary>Gets the wire names of the typed fields; every other field goes to <c>AdditionalFields</c>.</summary>
    public string[] FieldNames { get; }

    /// <summary>Gets the maker of an empty object, for a type with no typed field, whose fields are all read from a document.</summary>
    public Func<T> Create { get; }

    public Action<T, Dictionary<string, JsonElement>> SetExtra { get; }
}
