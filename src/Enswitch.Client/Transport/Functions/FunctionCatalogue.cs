using System.Diagnostics.CodeAnalysis;

namespace Enswitch.Client.Transport;

/// <summary>
/// What the catalogue (api/*.json) says about every documented function, generated into
/// Generated/FunctionCatalogue.g.cs: the raw call takes its kind, versions, authentication and secret
/// parameters from here, so that only names the catalogue does not know are treated as NonIdempotent.
/// </summary>
internal static partial class FunctionCatalogue
{
    private static readonly IReadOnlyDictionary<string, Version> NoVersions = new Dictionary<string, Version>(StringComparer.Ordinal);

    private static readonly string[] NoSecrets = [];

    private static readonly Dictionary<string, CataloguedFunction> Functions = Build();

    /// <summary>Gets the wire names of every catalogued function.</summary>
    public static IEnumerable<string> Names => Functions.Keys;

    /// <summary>Looks a function up by its wire name, such as <c>cdrs/list</c>.</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out CataloguedFunction? function) => Functions.TryGetValue(name, out function);
}
