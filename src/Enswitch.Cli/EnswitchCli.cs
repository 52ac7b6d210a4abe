using System.CommandLine;
using System.CommandLine.Invocation;
using Enswitch.Cli.Commands;
using Enswitch.Cli.Failures;

namespace Enswitch.Cli;

/// <summary>
/// The enswitch tool: a command per catalogued Enswitch function, plus <c>login</c>, <c>logout</c>, <c>profiles</c> and
/// <c>emulator</c>. Runs one command line and returns its exit code (<see cref="ExitCodes"/>).
/// </summary>
internal static class EnswitchCli
{
    /// <summary>Runs <paramref name="args"/> against <paramref name="console"/> and returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        // Before parsing: a parse error would quote the value of an unknown option, which may be the secret itself.
        if (SecretArguments.Check(args) is { } refusal)
        {
            await console.Error.WriteLineAsync($"error: {refusal} Nothing was sent.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var root = Build(console);
        // No response files: an @argument is the tool's own @PATH (a file to send as base64), and a response file would
        // bring in arguments that SecretArguments never saw.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            foreach (var message in ParseErrors(parse))
            {
                await console.Error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync($"Run '{CommandLineOf(parse.CommandResult)} --help' for the options. Nothing was sent.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Output,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
        };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the command tree.</summary>
    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand(
            "enswitch: every Enswitch JSON API function as a command (enswitch cdrs list, enswitch calls make, ...), with the safety of Enswitch.Client: " +
            "the password never in URLs or arguments, a create never repeated blindly, and an exit code of its own for an outcome that is unknown.\n\n" +
            "Exit codes: 0 success, 1 unexpected, 2 usage (nothing sent), 3 invalid parameter, 4 authentication, 5 role denied, 6 other API error, " +
            "7 outcome unknown (look before repeating), 8 transport (not applied), 9 protocol, 10 rate plan denied, 11 not found, 130 cancelled.");
        foreach (var option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }

        FunctionCommand.AddAll(root, console);
        EmulatorCommand.Add(root, console);
        ProfileCommands.Add(root, console);
        return root;
    }

    /// <summary>Returns the command line that names a parsed command: <c>enswitch cdrs list</c>.</summary>
    public static string CommandLineOf(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(current.Command is RootCommand ? "enswitch" : current.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    // An unmatched token that is not an option may be a value typed in the wrong place, perhaps a secret: it is not quoted.
    private static IEnumerable<string> ParseErrors(ParseResult parse)
    {
        var unmatched = parse.UnmatchedTokens;
        foreach (var error in parse.Errors)
        {
            var token = unmatched.FirstOrDefault(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal));
            if (token is null)
            {
                yield return error.Message;
            }
            else if (token.StartsWith('-'))
            {
                // --name=value: the value may be a secret given to a mistyped option, so only the name is repeated.
                yield return $"Unknown option '{token.Split('=', 2)[0]}'.";
            }
            else
            {
                yield return "An argument that is neither an option nor an option's value was given (not shown, in case it is a secret); options take the form --name value.";
            }
        }
    }
}
