namespace Enswitch.Cli.Catalogue;

/// <summary>One documented parameter of a function, offered as the option <c>--name</c> (underscores become dashes).</summary>
/// <param name="Name">The wire name.</param>
/// <param name="Type">What the option accepts and how a value is written on the wire.</param>
/// <param name="Required">Whether the guide requires the parameter (<c>yes</c>), recommends it, or requires it under a condition.</param>
/// <param name="Doc">The guide's description.</param>
/// <param name="Default">The documented default, as the guide words it; <see langword="null"/> where none is documented.</param>
internal sealed record CliParameter(string Name, CliValueType Type, CliRequirement Required, string Doc, string? Default)
{
    /// <summary>Gets a value indicating whether the value is secret: it is read from an environment variable or standard input, never from an argument.</summary>
    public bool Secret { get; init; }

    /// <summary>Gets the guide's condition when <see cref="Required"/> is <see cref="CliRequirement.Conditional"/>.</summary>
    public string? Condition { get; init; }

    /// <summary>Gets the values the guide lists for an <see cref="CliValueType.Choice"/> parameter.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>Gets a value indicating whether an empty value is allowed besides <see cref="Values"/> (the guide says "or empty").</summary>
    public bool AllowsEmpty { get; init; }

    /// <summary>
    /// Gets the option's name: <c>--</c> and the wire name with dashes for underscores, or <c>--NAME-param</c> where that
    /// would clash with an option every command has (<c>--help</c>).
    /// </summary>
    public string OptionName { get; init; } = "--" + Name.Replace('_', '-');
}
