using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Enswitch.Cli.Catalogue;
using Enswitch.Cli.Connection;
using Enswitch.Cli.Failures;
using Enswitch.Cli.Output;
using Enswitch.Client;

namespace Enswitch.Cli.Commands;

/// <summary>Runs one function command: reads its options, connects, calls through the SDK, prints the answer or the failure.</summary>
internal static class FunctionInvoker
{
    /// <summary>Runs <paramref name="command"/> as parsed and returns the exit code.</summary>
    public static async Task<int> InvokeAsync(FunctionCommand command, ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var function = command.Function;
        var validateOnly = command.ValidateOnly is { } validate && parse.GetValue(validate);
        var kind = validateOnly ? OperationKind.ValidateOnly : function.Kind;
        try
        {
            var parameters = await ParametersAsync(command, parse, console).ConfigureAwait(false);
            var options = await ConnectionResolver.ResolveAsync(parse, console, cancellationToken).ConfigureAwait(false);
            using var client = EnswitchClient.Create(options);
            var printer = new AnswerPrinter(console, parse.GetValue(GlobalOptions.Of(parse).Output), quiet: parse.GetValue(GlobalOptions.Of(parse).Quiet));
            if (command.OutFile is { } outFile && parse.GetValue(outFile) is { } file)
            {
                await RecordingDownload.RunAsync(client, parameters, file, printer, cancellationToken).ConfigureAwait(false);
            }
            else if (command.All is { } all && parse.GetValue(all))
            {
                var rows = client.ListAllAsync(function.Name, parameters, parse.GetValue(command.PageSize!), cancellationToken: cancellationToken);
                await printer.PrintRowsAsync(rows, cancellationToken).ConfigureAwait(false);
            }
            else if (validateOnly)
            {
                parameters.Add(new("validation", "1"));
                await client.CallAsync(function.Name, parameters, OperationKind.ValidateOnly, cancellationToken: cancellationToken).ConfigureAwait(false);
                printer.Notice("Valid: the server accepted the input and changed nothing (--validate-only).");
            }
            else
            {
                var data = await client.CallAsync(function.Name, parameters, cancellationToken: cancellationToken).ConfigureAwait(false);
                printer.Print(function.Shape, data);
            }

            return ExitCodes.Success;
        }
        catch (CliUsageException usage)
        {
            await console.Error.WriteLineAsync($"error: {usage.Message} Nothing was sent.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var (exitCode, message) = FailureReport.Describe(exception, command.CommandLine, kind, function.Parameters);
            await console.Error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
            return exitCode;
        }
    }

    /// <summary>Returns the parameters to send, in the catalogue's order and then the <c>--param</c> ones, with secrets read from their sources.</summary>
    /// <exception cref="CliUsageException">A secret's source or a <c>--param</c> is malformed, or a parameter is given twice.</exception>
    private static async Task<List<KeyValuePair<string, string>>> ParametersAsync(FunctionCommand command, ParseResult parse, CliConsole console)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        var stdinUsed = parse.GetValue(GlobalOptions.Of(parse).PasswordStdin) ? "--password-stdin" : null;
        foreach (var (parameter, option) in command.Parameters)
        {
            if (parse.GetResult(option) is null || parse.GetValue(option) is not { } value)
            {
                continue;
            }

            if (parameter.Secret)
            {
                var source = value;
                value = await SecretAsync(option.Name, source, console, stdinUsed).ConfigureAwait(false);
                stdinUsed = source == "stdin" ? option.Name : stdinUsed;
            }

            parameters.Add(new(parameter.Name, value));
        }

        foreach (var extra in parse.GetValue(command.Extra) ?? [])
        {
            var equals = extra.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliUsageException("--param takes name=value; one of them has no name before '='.");
            }

            var name = extra[..equals];
            var value = extra[(equals + 1)..];
            if (name == "validation")
            {
                throw new CliUsageException(command.ValidateOnly is null
                    ? $"--param validation: '{command.Function.Name}' documents no validation, so a server would do the work; leave it out."
                    : "--param validation: use --validate-only, which also makes sure the server really validated (code 201).");
            }

            if (name.StartsWith("auth_", StringComparison.Ordinal))
            {
                throw new CliUsageException($"--param {name} is a credential; the tool sends credentials itself. " + ConnectionResolver.HowToGivePassword);
            }

            if (parameters.Any(p => p.Key == name))
            {
                throw new CliUsageException($"Parameter '{name}' is given twice (by its option and by --param); give it once.");
            }

            if (SecretArguments.LooksSecret(name))
            {
                value = value.StartsWith("env:", StringComparison.Ordinal)
                    ? await SecretAsync("--param " + name, value, console, stdinUsed).ConfigureAwait(false)
                    : throw new CliUsageException($"--param {name} looks secret, so the tool does not take its value as an argument; give --param {name}=env:VARIABLE.");
            }

            parameters.Add(new(name, value));
        }

        return parameters;
    }

    private static async Task<string> SecretAsync(string option, string source, CliConsole console, string? stdinUsed)
    {
        if (source == "stdin")
        {
            if (console.RefuseTerminalInput(option + " stdin") is { } refusal)
            {
                throw new CliUsageException(refusal);
            }

            if (stdinUsed is not null)
            {
                throw new CliUsageException($"{option} stdin: standard input is already read by {stdinUsed}; give one of them as env:VARIABLE.");
            }

            var line = await console.Input.ReadLineAsync().ConfigureAwait(false);
            return line ?? throw new CliUsageException($"{option} stdin: standard input was empty.");
        }

        if (source.StartsWith("env:", StringComparison.Ordinal) && source.Length > 4)
        {
            var variable = source[4..];
            return console.Environment(variable) ?? throw new CliUsageException($"{option} env:{variable}: the environment variable {variable} is not set.");
        }

        throw new CliUsageException($"{option} takes env:VARIABLE or stdin (the secret itself is never an argument).");
    }
}
