namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// A category of catalogued functions that share their objects (for example <c>customers</c>: create, get,
/// list, update), with the parameters that identify one object, all derived from the catalogue.
/// </summary>
internal sealed class CatalogueCategory
{
    private CatalogueCategory(string name, IReadOnlyList<string> key, IReadOnlyDictionary<string, ParameterType> parameterTypes)
    {
        Name = name;
        Key = key;
        ParameterTypes = parameterTypes;
    }

    /// <summary>Gets every category of the catalogue by name.</summary>
    public static IReadOnlyDictionary<string, CatalogueCategory> All { get; } = EmulatedCatalogue.Functions.Values
        .GroupBy(f => f.Category, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => new CatalogueCategory(g.Key, KeyOf([.. g]), TypesOf(g)), StringComparer.Ordinal);

    /// <summary>Gets the category's name, for example <c>numbers/system</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// Gets the parameters that identify one object: <c>id</c> when a get, update or delete of the category
    /// takes one; otherwise those that every get, update and delete of it requires (<c>mailbox</c> for
    /// mailboxes, <c>number</c> for numbers); empty when nothing identifies an object.
    /// </summary>
    public IReadOnlyList<string> Key { get; }

    /// <summary>Gets the type of each parameter the category's functions take (the first function's, in name order), to type stored fields.</summary>
    public IReadOnlyDictionary<string, ParameterType> ParameterTypes { get; }

    private static List<string> KeyOf(List<CatalogueEntry> functions)
    {
        var lookups = functions
            .Where(f => f.Operation is CatalogueOperation.Get or CatalogueOperation.Update or CatalogueOperation.Delete)
            .OrderBy(f => f.Operation)
            .ToList();
        if (lookups.Any(f => f.Parameter("id") is not null))
        {
            return ["id"];
        }

        if (lookups.Count == 0)
        {
            return [];
        }

        IEnumerable<string> key = Required(lookups[0]);
        foreach (var function in lookups.Skip(1))
        {
            key = key.Intersect(Required(function), StringComparer.Ordinal);
        }

        return [.. key];
    }

    private static IEnumerable<string> Required(CatalogueEntry function) =>
        function.Parameters.Where(p => p.Required == ParameterRequirement.Yes).Select(p => p.Name);

    private static Dictionary<string, ParameterType> TypesOf(IEnumerable<CatalogueEntry> functions)
    {
        var types = new Dictionary<string, ParameterType>(StringComparer.Ordinal);
        foreach (var parameter in functions.OrderBy(f => f.Name, StringComparer.Ordinal).SelectMany(f => f.Parameters))
        {
            types.TryAdd(parameter.Name, parameter.Type);
        }

        return types;
    }
}
