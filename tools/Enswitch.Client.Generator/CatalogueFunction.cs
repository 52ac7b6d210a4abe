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

    /// <summary>Gets a value indicating whether a successful answer holds a secret (a login's token).</summary>
    public bool AnswerHoldsSecret { get; init; }

    /// <summary>Gets a value indicating whether the typed surface is hand-written, so that only the descriptor is generated.</summary>
    public bool HandWritten { get; init; }

    /// <summary>Gets the success shape: none, id, count, object or array.</summary>
    public string Shape { get; init; } = "none";

    /// <summary>Gets the success code, 200 or 204.</summary>
    public int SuccessCode { get; init; } = 200;

    /// <summary>Gets the response codes the page lists.</summary>
    public IReadOnlyList<int> Codes { get; init; } = [];

    /// <summary>Gets the guide page.</summary>
    public string GuideUrl { get; init; } = string.Empty;

    /// <summary>Gets a value indicating whether the stored page was cut short, so that later parameters are unknown.</summary>
    public bool Truncated { get; init; }

    /// <summary>Gets the fields of the guide's example answer.</summary>
    public IReadOnlyList<CatalogueField> Fields { get; init; } = [];

    /// <summary>Gets the C# namespace of the typed surface: the first segment of the client path.</summary>
    public string Namespace => "Enswitch.Client." + Client.Split('.')[0];

    /// <summary>Gets a value indicating whether the function is a list that takes <c>limit</c> and <c>offset</c>, so that it can be paged.</summary>
    public bool Pages => Shape == "array" && Parameters.Any(p => p.Name == "limit") && Parameters.Any(p => p.Name == "offset");

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
        [.. node["parameters"]!.AsArray().Select(p => CatalogueParameter.From(p!))])
    {
        AnswerHoldsSecret = (bool?)node["answerHoldsSecret"] ?? false,
        HandWritten = (bool?)node["handWritten"] ?? false,
        Shape = (string)node["shape"]!,
        SuccessCode = (int)node["successCode"]!,
        Codes = [.. node["codes"]!.AsArray().Select(c => (int)c!)],
        GuideUrl = (string)node["guideUrl"]!,
        Truncated = (bool?)node["truncated"] ?? false,
        Fields = [.. node["fields"]!.AsArray().Select(f => new CatalogueField((string)f!["name"]!, (string)f["csharp"]!, (string)f["type"]!))],
    };
}

/// <summary>One parameter of a catalogued function.</summary>
internal sealed record CatalogueParameter(string Name, string CSharp, string? Since, bool Secret, string? SecretReason)
{
    /// <summary>Gets the wire type: string, integer, integer-or-string, decimal or base64.</summary>
    public string Type { get; init; } = "string";

    /// <summary>Gets whether the parameter is required: yes, no, recommended or conditional.</summary>
    public string Required { get; init; } = "no";

    /// <summary>Gets the guide's condition of a conditional parameter.</summary>
    public string? Condition { get; init; }

    /// <summary>Gets the documented default, as the guide words it.</summary>
    public string? Default { get; init; }

    /// <summary>Gets the guide's description.</summary>
    public string Doc { get; init; } = string.Empty;

    /// <summary>Gets a value indicating whether a call must give the parameter.</summary>
    public bool IsRequired => Required == "yes";

    public static CatalogueParameter From(JsonNode p) => new((string)p["name"]!, (string)p["csharp"]!, (string?)p["since"], (bool)p["secret"]!, (string?)p["secretReason"])
    {
        Type = (string)p["type"]!,
        Required = (string)p["required"]!,
        Condition = (string?)p["condition"],
        Default = (string?)p["default"],
        Doc = (string?)p["doc"] ?? string.Empty,
    };
}

/// <summary>One field of a function's example answer.</summary>
internal sealed record CatalogueField(string Name, string CSharp, string Type);
