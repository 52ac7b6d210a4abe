using System.Text.Json;
using Enswitch.Client.Tests;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The SDK's function catalogue (api/*.json) read at test time, independently of the code generated from it, so
/// that the catalogue tests hold the emulator to what the catalogue says about every function.
/// </summary>
public static class ApiCatalogue
{
    private static readonly Lazy<Dictionary<string, ApiFunction>> Loaded = new(() =>
        TypedSurface.Catalogue.Values.Select(ApiFunction.From).ToDictionary(f => f.Name, StringComparer.Ordinal));

    /// <summary>Gets every catalogued function by wire name.</summary>
    public static IReadOnlyDictionary<string, ApiFunction> Functions => Loaded.Value;

    /// <summary>Gets every role privilege name any function lists.</summary>
    public static IReadOnlySet<string> AllRoles => Functions.Values.SelectMany(f => f.Roles).ToHashSet(StringComparer.Ordinal);

    public static TheoryData<string> AllNames() => Names(_ => true);

    public static TheoryData<string> WithRequiredParameters() => Names(f => f.Required.Count > 0);

    public static TheoryData<string> WithNumericParameters() => Names(f => f.Parameters.Any(p => p.IsNumeric));

    // Any user may log in to the emulator: its hand-written user/login leaves the catalogue's "user" role to the
    // functions called with the token, as the SDK's token mode must work for every user.
    public static TheoryData<string> WithRoles() => Names(f => f.Roles.Count > 0 && f.Name != "user/login");

    private static TheoryData<string> Names(Func<ApiFunction, bool> where) =>
        [.. Functions.Values.Where(where).Select(f => f.Name).Order(StringComparer.Ordinal)];
}

/// <summary>One function of the catalogue, as much as the catalogue tests use.</summary>
public sealed record ApiFunction(
    string Name,
    string Since,
    bool SinceInferred,
    string Authentication,
    string Shape,
    IReadOnlyList<string> Roles,
    IReadOnlyList<ApiParameter> Parameters,
    IReadOnlyList<ApiField> Fields)
{
    public IReadOnlyList<ApiParameter> Required => [.. Parameters.Where(p => p.Required == "yes")];

    /// <summary>Gets the category whose objects the emulator keeps for it: the name without its action, a panel list's list category.</summary>
    public string Category => Name.EndsWith("/list/panel", StringComparison.Ordinal) ? Name[..^"/list/panel".Length] : Name[..Name.LastIndexOf('/')];

    public string Action => Name[(Name.LastIndexOf('/') + 1)..];

    public static ApiFunction From(JsonElement f) => new(
        f.GetProperty("name").GetString()!,
        f.GetProperty("since").GetString()!,
        f.TryGetProperty("sinceInferred", out var inferred) && inferred.GetBoolean(),
        f.GetProperty("authentication").GetString()!,
        f.GetProperty("shape").GetString()!,
        [.. f.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!)],
        [.. f.GetProperty("parameters").EnumerateArray().Select(p => new ApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("type").GetString()!, p.GetProperty("required").GetString()!))],
        [.. f.GetProperty("fields").EnumerateArray().Select(p => new ApiField(p.GetProperty("name").GetString()!, p.GetProperty("type").GetString()!))]);
}

/// <summary>A parameter: wire name, type (<c>integer</c>, <c>string</c>, ...) and requiredness (<c>yes</c>, <c>no</c>, ...).</summary>
public sealed record ApiParameter(string Name, string Type, string Required)
{
    /// <summary>Gets a value indicating whether the value must be a number: a whole one (<c>integer</c>) or not (<c>decimal</c>).</summary>
    public bool IsNumeric => Type is "integer" or "decimal";
}

/// <summary>A field of the guide's example answer, with its JSON type as printed.</summary>
public sealed record ApiField(string Name, string Type);
