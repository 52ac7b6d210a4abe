namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// Every catalogued function (the SDK's api/*.json) as the generator wrote it into
/// Generated/EmulatedCatalogue.g.cs, by wire name.
/// </summary>
internal static partial class EmulatedCatalogue
{
    /// <summary>Gets every catalogued function by wire name.</summary>
    public static IReadOnlyDictionary<string, CatalogueEntry> Functions { get; } = Build().ToDictionary(f => f.Name, StringComparer.Ordinal);
}
