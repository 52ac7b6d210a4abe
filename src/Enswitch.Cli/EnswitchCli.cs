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
        var root = new EnswitchRootCommand(
            "enswitch: every Enswitch JSON API function as a command (enswitch cdrs list, enswitch calls make, ...), with the safety of Enswitch.Client: " +
            "the password never in URLs or arguments, a create never repeated blindly, and an exit code of its own for an outcome that is unknown.\n\n" +
            "Exit codes: 0 success, 1 unexpected, 2 usage (nothing sent), 3 invalid parameter, 4 authentication, 5 role denied, 6 other API error, " +
            "7 outcome unknown (look before repeating), 8 transport (not applied), 9 protocol, 10 rate plan denied, 11 not found, 130 cancelled.");
        foreach (var option in root.Globals.All)
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

    // What went wrong, one line each, never quoting a value: an unmatched token that is not an option may be a secret
    // typed in the wrong place. A mistyped option or command is named with the closest real one; the value after a
    // mistyped option is taken as its value and not reported again.
    private static IEnumerable<string> ParseErrors(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var unmatched = parse.UnmatchedTokens;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var afterUnknownOption = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < unmatched.Count; i++)
        {
            var token = unmatched[i];
            if (token.StartsWith('-'))
            {
                // --name=value, --name:value or -pvalue: the value may be a secret given to a mistyped option, so only the
                // name is repeated.
                var name = token.StartsWith("--", StringComparison.Ordinal) ? token.Split(SecretArguments.OptionValueSeparators, 2)[0] : token[..Math.Min(2, token.Length)];
                var suggestion = Closest(name, command.Options.Concat(GlobalOptions.Of(parse).All).Select(o => o.Name));
                yield return $"Unknown option '{name}'.{(suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?")}";
                if (name == token && i + 1 < unmatched.Count && !unmatched[i + 1].StartsWith('-'))
                {
                    afterUnknownOption.Add(unmatched[++i]);
                }
            }
            else if (command.Subcommands.Count > 0 && Closest(token, command.Subcommands.Select(c => c.Name)) is { } subcommand)
            {
                // Close to a command's name, so a mistyped command rather than a secret: it may be repeated.
                yield return $"'{EnswitchCli.CommandLineOf(parse.CommandResult)}' has no command '{token}'. Did you mean '{subcommand}'?";
                reported.Add("Required command was not provided.");
            }
            else
            {
                yield return "An argument that is neither an option nor an option's value was given (not shown, in case it is a secret); options take the form --name value.";
            }
        }

        foreach (var error in parse.Errors)
        {
            var quotesUnmatched = unmatched.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal));
            if (!quotesUnmatched && reported.Add(error.Message))
            {
                yield return error.Message;
            }
        }
    }

    // The candidate nearest to a mistyped name (an edit distance of at most 2, or a prefix), if there is one.
    private static string? Closest(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var candidate in candidates)
        {
            var distance = candidate.StartsWith(typed, StringComparison.Ordinal) && typed.Length >= 3 ? 1 : Distance(typed, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
