using System.CommandLine;

namespace Enswitch.Cli.Commands;

/// <summary>The tool's root command, which holds the global options of its command tree.</summary>
/// <param name="description">The tool's help text.</param>
internal sealed class EnswitchRootCommand(string description) : RootCommand(description)
{
    /// <summary>Gets the global options of this tree, added to the root as recursive options.</summary>
    public GlobalOptions Globals { get; } = new();
}
