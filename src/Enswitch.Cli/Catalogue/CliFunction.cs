using Enswitch.Client;

namespace Enswitch.Cli.Catalogue;

/// <summary>One catalogued Enswitch function as the tool offers it: one command, its options, and how to print its answer.</summary>
/// <param name="Name">The wire name (<c>cdrs/list</c>); its segments are the command path (<c>enswitch cdrs list</c>).</param>
/// <param name="Summary">The catalogue's one-sentence summary, the command's help text.</param>
/// <param name="Kind">The operation kind: a NonIdempotent function is never repeated by the SDK after it may have been sent.</param>
/// <param name="Shape">What a success carries, which decides how it is printed.</param>
/// <param name="Roles">The role privileges the guide names for the function.</param>
/// <param name="GuideUrl">The guide page of the latest version seen.</param>
/// <param name="Parameters">The documented parameters, without <c>validation</c> (offered as <c>--validate-only</c>).</param>
internal sealed record CliFunction(
    string Name,
    string Summary,
    OperationKind Kind,
    CliShape Shape,
    IReadOnlyList<string> Roles,
    string GuideUrl,
    IReadOnlyList<CliParameter> Parameters)
{
    /// <summary>Gets a value indicating whether the function documents <c>validation</c>, so the command offers <c>--validate-only</c>.</summary>
    public bool AcceptsValidation { get; init; }

    /// <summary>Gets a value indicating whether the list takes <c>limit</c> and <c>offset</c>, so the command offers <c>--all</c>.</summary>
    public bool Pages { get; init; }

    /// <summary>Gets a value indicating whether the guide's page was cut short, so that later parameters are unknown.</summary>
    public bool Truncated { get; init; }

    /// <summary>Gets the command path: the wire name's segments.</summary>
    public IReadOnlyList<string> Path => Name.Split('/');
}
