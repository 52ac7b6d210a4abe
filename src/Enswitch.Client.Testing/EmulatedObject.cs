using System.Collections.ObjectModel;

namespace Enswitch.Client.Testing;

/// <summary>
/// An object the emulator keeps for a function it serves from the catalogue: what a create (or
/// <see cref="EnswitchEmulator.AddObject"/>) stored in a category such as <c>customers</c> or
/// <c>numbers/system</c>, with the fields the later updates changed.
/// </summary>
/// <remarks>
/// Fields hold the parameter values as received, as text; a get or list writes them with the JSON types of
/// the guide's example answer. The id is not a field: every object has one, from the emulator's id sequence.
/// </remarks>
public sealed class EmulatedObject
{
    internal EmulatedObject(string category, long id, IEnumerable<KeyValuePair<string, string>> fields)
    {
        Category = category;
        Id = id;
        Fields = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(fields, StringComparer.Ordinal));
    }

    /// <summary>Gets the category the object belongs to, for example <c>customers</c>.</summary>
    public string Category { get; }

    /// <summary>Gets the object's id, which <c>create</c> answered and <c>get</c>, <c>update</c> and <c>delete</c> take.</summary>
    public long Id { get; }

    /// <summary>Gets the object's fields by wire name (for example <c>name</c>), with their values as text.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>Returns a description that names the fields but shows no value, since one may be a password or PIN.</summary>
    /// <returns>The category, id and field names.</returns>
    public override string ToString() =>
        $"EmulatedObject {{ Category = {Category}, Id = {Id}, Fields = [{string.Join(", ", Fields.Keys.Order(StringComparer.Ordinal))}] }}";

    /// <summary>Returns a copy with some fields set to new values and the others kept.</summary>
    internal EmulatedObject With(IEnumerable<KeyValuePair<string, string>> changes)
    {
        var fields = new Dictionary<string, string>(Fields, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }

        return new EmulatedObject(Category, Id, fields);
    }

    /// <summary>Returns whether the object has every given value: <c>id</c> is its id, any other name a field.</summary>
    internal bool Matches(IEnumerable<KeyValuePair<string, string>> criteria) =>
        criteria.All(c => c.Key == "id"
            ? long.TryParse(c.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var id) && id == Id
            : Fields.TryGetValue(c.Key, out var value) && value == c.Value);
}
