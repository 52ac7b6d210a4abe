namespace Enswitch.Cli.Catalogue;

/// <summary>Whether the guide requires a parameter.</summary>
internal enum CliRequirement
{
    /// <summary>Optional.</summary>
    No,

    /// <summary>Required: the command refuses to run without it.</summary>
    Yes,

    /// <summary>Optional, but the guide recommends it (help says so).</summary>
    Recommended,

    /// <summary>Required under a condition the guide states in words (help quotes it); not enforced by the tool.</summary>
    Conditional,
}
