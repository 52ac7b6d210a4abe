namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// One catalogued function (api/*.json, written into Generated/EmulatedCatalogue.g.cs by the generator), as the
/// emulator serves it when no hand-written behaviour exists for it.
/// </summary>
/// <param name="Name">The wire name, for example <c>customers/create</c>.</param>
/// <param name="Since">The version that added it.</param>
/// <param name="SinceInferred">Whether <paramref name="Since"/> is only the earliest guide seen (the page shows no change history).</param>
/// <param name="Kind">What repeating it would do.</param>
/// <param name="Authentication">Whether it takes credentials.</param>
/// <param name="Shape">What it answers on success.</param>
/// <param name="SuccessCode">200 (with data) or 204 (without).</param>
/// <param name="AcceptsValidation">Whether it documents <c>validation</c> (validate, write nothing, answer 201).</param>
/// <param name="Roles">The role privileges of which a caller needs one; empty when any caller may.</param>
/// <param name="Codes">The response codes the guide lists.</param>
/// <param name="Parameters">The parameters in the guide's order, without credentials.</param>
/// <param name="Fields">The fields of the guide's example answer; empty when it shows none.</param>
internal sealed record CatalogueEntry(
    string Name,
    Version Since,
    bool SinceInferred,
    CatalogueKind Kind,
    CatalogueAuthentication Authentication,
    CatalogueShape Shape,
    int SuccessCode,
    bool AcceptsValidation,
    IReadOnlyList<string> Roles,
    IReadOnlyList<int> Codes,
    IReadOnlyList<CatalogueParameter> Parameters,
    IReadOnlyList<CatalogueField> Fields)
{
    private const string PanelSuffix = "/list/panel";

    /// <summary>
    /// Gets the category whose objects the function works on: the wire name without its action word
    /// (<c>numbers/system/get</c> works on <c>numbers/system</c>), and for a panel list the list's own category
    /// (<c>phones/list/panel</c> lists <c>phones</c>).
    /// </summary>
    public string Category => Name.EndsWith(PanelSuffix, StringComparison.Ordinal)
        ? Name[..^PanelSuffix.Length]
        : Name[..Name.LastIndexOf('/')];

    /// <summary>Gets what the function does to its category's objects, from its action word.</summary>
    public CatalogueOperation Operation => Name.EndsWith(PanelSuffix, StringComparison.Ordinal)
        ? CatalogueOperation.List
        : Name[(Name.LastIndexOf('/') + 1)..] switch
        {
            "create" => CatalogueOperation.Create,
            "get" => CatalogueOperation.Get,
            "list" or "export" => CatalogueOperation.List,
            "update" => CatalogueOperation.Update,
            "delete" => CatalogueOperation.Delete,
            "set" => CatalogueOperation.Set,
            _ => CatalogueOperation.Other,
        };

    /// <summary>Returns the parameter with this name, or <see langword="null"/> when the function does not document it.</summary>
    public CatalogueParameter? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);
}
