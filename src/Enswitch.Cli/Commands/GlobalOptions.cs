using System.CommandLine;
using Enswitch.Cli.Output;

namespace Enswitch.Cli.Commands;

/// <summary>
/// The options every command takes (recursive on the root command): connection profile, output format, password input,
/// time limit. Each command tree has its own instances (an option belongs to the commands it is added to, and runs in
/// parallel, as the tests make, must not share them); <see cref="Of"/> finds them from a parse result.
/// </summary>
internal sealed class GlobalOptions
{
    /// <summary>Gets <c>--profile</c>: the saved connection to use.</summary>
    public Option<string> Profile { get; } = new("--profile")
    {
        Description = "The saved connection to use (enswitch login --profile NAME saves one). Default: ENSWITCH_PROFILE; else, when ENSWITCH_SERVER is set, the ENSWITCH_SERVER, ENSWITCH_USER and ENSWITCH_PASSWORD variables; else the default profile.",
        HelpName = "name",
        Recursive = true,
    };

    /// <summary>Gets <c>--output</c>: how results are printed.</summary>
    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "How results are printed on stdout: table (aligned columns; a new id or a count alone), json (the answer's data as the server sent it), or csv (a header row, then one row per object).",
        HelpName = "table|json|csv",
        DefaultValueFactory = _ => OutputFormat.Table,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
            if (Enum.TryParse<OutputFormat>(text, ignoreCase: true, out var format) && Enum.IsDefined(format) && !char.IsDigit(text[0]))
            {
                return format;
            }

            result.AddError("--output takes table, json or csv.");
            return OutputFormat.Table;
        },
        Recursive = true,
    };

    /// <summary>Gets <c>--password-stdin</c>: read the password from standard input.</summary>
    public Option<bool> PasswordStdin { get; } = new(PasswordStdinName)
    {
        Description = "Read the password from the first line of standard input (for example: secret-tool lookup ... | enswitch ...). The password is never taken as an argument.",
        Recursive = true,
    };

    /// <summary>Gets <c>--call-timeout</c>: the time limit of the whole call, retries included.</summary>
    public Option<int?> CallTimeout { get; } = new("--call-timeout")
    {
        Description = "Seconds the whole call may take, retries included (default: the SDK's 120). A read that runs out is safe to repeat; a create may have been applied.",
        HelpName = "seconds",
        Recursive = true,
    };

    /// <summary>Gets <c>--quiet</c>: no progress or notices on stderr, only errors.</summary>
    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Print no progress or notices on stderr, only errors.",
        Recursive = true,
    };

    /// <summary>Gets every global option, in the order help lists them.</summary>
    public IReadOnlyList<Option> All => [Profile, Output, PasswordStdin, CallTimeout, Quiet];

    /// <summary>Gets the name of <see cref="PasswordStdin"/>, for messages.</summary>
    public static string PasswordStdinName => "--password-stdin";

    /// <summary>Returns the global options of the command tree <paramref name="parse"/> came from.</summary>
    public static GlobalOptions Of(ParseResult parse) => ((EnswitchRootCommand)parse.RootCommandResult.Command).Globals;
}
