using System.CommandLine;
using Enswitch.Cli.Catalogue;

namespace Enswitch.Cli.Commands;

/// <summary>
/// One catalogued function as a command: an option per documented parameter (typed by <see cref="OptionValues"/>), a
/// <c>--NAME-from</c> option for each secret one, <c>--param</c> for what the catalogue lacks, and <c>--validate-only</c>,
/// <c>--all</c> or <c>--out-file</c> where the function has a use for them.
/// </summary>
internal sealed class FunctionCommand
{
    private FunctionCommand(CliFunction function)
    {
        Function = function;
        foreach (var parameter in function.Parameters)
        {
            Parameters.Add((parameter, parameter.Secret ? SecretOption(parameter) : ValueOption(parameter)));
        }

        if (function.AcceptsValidation)
        {
            ValidateOnly = new Option<bool>("--validate-only")
            {
                Description = "Ask the server to check the input (validation=1) and change nothing. A server older than the guide may ignore it and do the work; the SDK then reports that.",
            };
        }

        if (function.Pages)
        {
            All = new Option<bool>("--all")
            {
                Description = "Fetch every row, one page at a time (limit and offset), showing progress on stderr; --limit caps the rows in all and --offset is where to start.",
            };
            PageSize = new Option<int>("--page-size")
            {
                Description = "Rows per page with --all (1 to 10000).",
                DefaultValueFactory = _ => 100,
                HelpName = "rows",
            };
        }

        if (function.Name == RecordingDownload.Function)
        {
            OutFile = new Option<FileInfo>("--out-file")
            {
                Description = "Write the recording's audio to this file (progress on stderr) instead of printing its details. The file is replaced only when the download is complete.",
                HelpName = "path",
            };
        }
    }

    /// <summary>Gets the function.</summary>
    public CliFunction Function { get; }

    /// <summary>Gets each parameter with its option (<c>--NAME</c>, or <c>--NAME-from</c> for a secret).</summary>
    public List<(CliParameter Parameter, Option<string> Option)> Parameters { get; } = [];

    /// <summary>Gets <c>--param name=value</c>: parameters sent as given, for what the catalogue lacks.</summary>
    public Option<string[]> Extra { get; } = new("--param")
    {
        Description = "Send a parameter as given, for one the catalogue lacks or a value its option refuses: --param name=value (repeatable). Credentials are refused; a secret-looking name takes env:VARIABLE.",
        HelpName = "name=value",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Gets <c>--validate-only</c>, where the function documents <c>validation</c>.</summary>
    public Option<bool>? ValidateOnly { get; }

    /// <summary>Gets <c>--all</c>, where the list takes limit and offset.</summary>
    public Option<bool>? All { get; }

    /// <summary>Gets <c>--page-size</c>, beside <see cref="All"/>.</summary>
    public Option<int>? PageSize { get; }

    /// <summary>Gets <c>--out-file</c>, for a recording's audio.</summary>
    public Option<FileInfo>? OutFile { get; }

    /// <summary>Gets the command line that names the function (<c>enswitch cdrs list</c>), for messages.</summary>
    public string CommandLine => "enswitch " + string.Join(' ', Function.Path);

    /// <summary>Adds a command for every catalogued function under <paramref name="root"/>, each running through <paramref name="console"/>.</summary>
    public static void AddAll(RootCommand root, CliConsole console)
    {
        var groups = new Dictionary<string, Command>(StringComparer.Ordinal);
        foreach (var function in CliCatalogue.Functions)
        {
            Command parent = root;
            var path = function.Path;
            for (var i = 0; i < path.Count - 1; i++)
            {
                var key = string.Join('/', path.Take(i + 1));
                if (!groups.TryGetValue(key, out var group))
                {
                    group = new Command(path[i], $"Functions under {key}/.");
                    parent.Subcommands.Add(group);
                    groups[key] = group;
                }

                parent = group;
            }

            var built = new FunctionCommand(function);
            var command = groups.TryGetValue(function.Name, out var existing) ? existing : new Command(path[^1]);
            if (existing is null)
            {
                parent.Subcommands.Add(command);
                groups[function.Name] = command;
            }

            command.Description = built.Description();
            foreach (var (_, option) in built.Parameters)
            {
                command.Options.Add(option);
            }

            command.Options.Add(built.Extra);
            foreach (var option in new Option?[] { built.ValidateOnly, built.All, built.PageSize, built.OutFile })
            {
                if (option is not null)
                {
                    command.Options.Add(option);
                }
            }

            command.Validators.Add(built.RequireParameters);
            command.SetAction((parse, cancellationToken) => FunctionInvoker.InvokeAsync(built, parse, console, cancellationToken));
        }
    }

    // A required parameter is given by its option or, when the option refuses the value, by --param; either will do.
    private void RequireParameters(System.CommandLine.Parsing.CommandResult result)
    {
        var extras = result.GetValue(Extra) ?? [];
        foreach (var (parameter, option) in Parameters.Where(p => p.Parameter.Required == CliRequirement.Yes))
        {
            if (result.GetResult(option) is null && !extras.Any(e => e.StartsWith(parameter.Name + "=", StringComparison.Ordinal)))
            {
                result.AddError($"Option '{option.Name}' is required.");
            }
        }
    }

    private string Description()
    {
        var kind = Function.Kind switch
        {
            Client.OperationKind.Read => "a read (safe to repeat)",
            Client.OperationKind.IdempotentWrite => "a write that is safe to repeat",
            _ => "not safe to repeat: the tool never repeats it after it may have been sent, and says so when the outcome is unknown",
        };
        var text = $"{Function.Summary}\n\nWire name: {Function.Name}; {kind}.";
        if (Function.Roles.Count > 0)
        {
            text += $" Roles: {string.Join(", ", Function.Roles)}.";
        }

        if (Function.Truncated)
        {
            text += " The guide's page was cut short: parameters after the last listed are unknown (send them with --param).";
        }

        return text + $"\nGuide: {Function.GuideUrl}";
    }

    private static Option<string> ValueOption(CliParameter parameter)
    {
        var option = new Option<string>(parameter.OptionName)
        {
            Description = Describe(parameter),
            HelpName = parameter.Type switch
            {
                CliValueType.Integer => "number",
                CliValueType.Decimal => "amount",
                CliValueType.Time => "date|time|unix",
                CliValueType.Flag => "true|false",
                CliValueType.Choice => string.Join('|', parameter.Values),
                CliValueType.Base64 => "@path|base64",
                _ => "text",
            },
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    return parameter.Type == CliValueType.Flag ? "1" : null;
                }

                var (wire, error) = OptionValues.ToWire(parameter, result.Tokens[0].Value);
                if (error is not null)
                {
                    result.AddError(error);
                }

                return wire;
            },
        };
        if (parameter.Type == CliValueType.Flag)
        {
            option.Arity = ArgumentArity.ZeroOrOne;
        }

        if (parameter.Values.Count > 0)
        {
            option.CompletionSources.Add([.. parameter.Values]);
        }

        return option;
    }

    private static Option<string> SecretOption(CliParameter parameter) => new(parameter.OptionName + "-from")
    {
        Description = $"{(parameter.Required == CliRequirement.Yes ? "Required. " : string.Empty)}{Sentence(parameter.Doc)} Secret: never given as an argument; env:VARIABLE reads it from that environment variable, stdin from the first line of standard input.",
        HelpName = "env:VARIABLE|stdin",
    };

    private static string Describe(CliParameter parameter)
    {
        var text = (parameter.Required == CliRequirement.Yes ? "Required. " : string.Empty) + Sentence(parameter.Doc);
        text += parameter.Required switch
        {
            CliRequirement.Recommended => " Recommended.",
            CliRequirement.Conditional => $" Required when: {Sentence(parameter.Condition ?? "the guide says so")}",
            _ => string.Empty,
        };
        text += parameter.Type switch
        {
            CliValueType.Time => " A date (midnight UTC), a date and time (UTC unless it has an offset) or Unix seconds.",
            CliValueType.Flag => " The option alone means true; sent as 1 or 0.",
            CliValueType.Choice => $" One of: {string.Join(", ", parameter.Values)}{(parameter.AllowsEmpty ? ", or empty" : string.Empty)}.",
            CliValueType.Base64 => " @PATH sends that file's bytes.",
            _ => string.Empty,
        };
        if (parameter.Default is { } value)
        {
            text += $" Default: {(value == "Empty string." ? "empty." : Sentence(value))}";
        }

        return text;
    }

    private static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 || trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }
}
