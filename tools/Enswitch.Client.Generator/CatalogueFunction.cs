using System.Text.Json.Nodes;

namespace Enswitch.Client.Generator;

/// <summary>One function of the catalogue, as much of it as the generator uses.</summary>
internal sealed record CatalogueFunction(
    string Name,
    string Client,
    string Method,
    string Request,
    string? Result,
    string Kind,
    string? KindReason,
    bool AbsentMeansDone,
    string Since,
    bool SinceInferred,
    string Authentication,
    string Summary,
    IReadOnlyList<string> Roles,
    IReadOnlyList<CatalogueParameter> Parameters)
{
    /// <summary>Gets a value indicating whether the function documents <c>validation</c> (validate, write nothing).</summary>
    public bool AcceptsValidation => Parameters.Any(p => p.Name == "validation");

    /// <summary>Gets the last segment of the wire name: the action word.</summary>
    public string Action => Name[(Name.LastIndexOf('/') + 1)..];

    public static CatalogueFunction From(JsonNode node) => new(
        (string)node["name"]!,
        (string)node["client"]!,
        (string)node["method"]!,
        (string)node["request"]!,
        (string?)node["result"],
        (string)node["kind"]!,
        (string?)node["kindReason"],
        (bool?)node["absentMeansDone"] ?? false,
        (string)node["since"]!,
        (bool?)node["sinceInferred"] ?? false,
        (string)node["authentication"]!,
        (string)node["summary"]!,
        [.. node["roles"]!.AsArray().Select(r => (string)r!)],
        [.. node["parameters"]!.AsArray().Select(p => new CatalogueParameter((string)p!["name"]!, (string)p["csharp"]!, (string?)p["since"], (bool)p["secret"]!, (string?)p["secretReason"]))]);
}

/// <summary>One parameter of a catalogued function.</summary>
internal sealed record CatalogueParameter(string Name, string CSharp, string? Since, bool Secret, string? SecretReason);
