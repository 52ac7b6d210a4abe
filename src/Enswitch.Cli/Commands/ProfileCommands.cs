using System.CommandLine;
using System.Text.RegularExpressions;
using Enswitch.Cli.Connection;
using Enswitch.Cli.Failures;
using Enswitch.Client;

namespace Enswitch.Cli.Commands;

/// <summary>
/// The connection profile commands: <c>enswitch login</c> (<see cref="LoginCommand"/>), <c>enswitch logout</c>
/// (<see cref="LogoutCommand"/>) and <c>enswitch profiles</c> (<see cref="ProfilesCommand"/>), and what they share.
/// </summary>
internal static partial class ProfileCommands
{
    /// <summary>Adds <c>login</c>, <c>logout</c> and <c>profiles</c> under <paramref name="root"/>.</summary>
    public static void Add(RootCommand root, CliConsole console)
    {
        root.Subcommands.Add(LoginCommand.Build(console));
        root.Subcommands.Add(LogoutCommand.Build(console));
        root.Subcommands.Add(ProfilesCommand.Build(console));
    }

    /// <summary>
    /// Returns the profile name given by <c>--profile</c> or <c>ENSWITCH_PROFILE</c>, or <see langword="null"/> when
    /// neither gives one.
    /// </summary>
    /// <exception cref="CliUsageException">The name is not a valid profile name.</exception>
    public static string? NamedProfile(ParseResult parse, CliConsole console)
    {
        var name = parse.GetValue(GlobalOptions.Of(parse).Profile) ?? (console.Environment("ENSWITCH_PROFILE") is { Length: > 0 } variable ? variable : null);

        return name is null || ValidName().IsMatch(name)
            ? name
            : throw new CliUsageException($"'{name}' is not a profile name: use letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit).");
    }

    /// <summary>Returns how a profile's authentication mode is shown: password or token.</summary>
    public static string ModeName(EnswitchAuthenticationMode mode) => mode == EnswitchAuthenticationMode.Token ? "token" : "password";

    /// <summary>Returns how a password source is shown, as <c>--password-source</c> names it: store, environment, or emulator (the profile enswitch emulator saves).</summary>
    public static string SourceName(PasswordSource source) => source switch
    {
        PasswordSource.SecretStore => "store",
        PasswordSource.Emulator => "emulator",
        _ => "environment",
    };

    /// <summary>
    /// Runs the body of a profile command and turns its failure into one line on stderr and an exit code: a
    /// <see cref="CliUsageException"/> is exit code 2, anything else is described by <see cref="FailureReport"/>.
    /// <paramref name="unchanged"/> ends each message, saying what was left as it was.
    /// </summary>
    public static async Task<int> RunAsync(CliConsole console, string command, string unchanged, Func<Task<int>> body)
    {
        var suffix = unchanged.Length == 0 ? string.Empty : " " + unchanged;
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CliUsageException usage)
        {
            await console.Error.WriteLineAsync($"error: {usage.Message}{suffix}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var (exitCode, message) = FailureReport.Describe(exception, command, OperationKind.Read);
            await console.Error.WriteLineAsync($"error: {message}{suffix}").ConfigureAwait(false);
            return exitCode;
        }
    }

    /// <summary>
    /// Removes the store's entry <paramref name="key"/> as the last step of a command whose work is done: a store that is
    /// not available here, or that fails, leaves a warning on stderr saying which entry stays, not a failure.
    /// </summary>
    /// <param name="console">The console, whose store holds the entry.</param>
    /// <param name="key">The entry.</param>
    /// <param name="which">Which password it is, for the warning ("the profile used before").</param>
    /// <param name="cancellationToken">Cancels the removal (which then stays undone, with the warning).</param>
    public static async Task RemoveSecretAsync(CliConsole console, SecretKey key, string which, CancellationToken cancellationToken)
    {
        var secrets = console.Secrets;
        string why;
        if (!secrets.IsAvailable)
        {
            why = $"which is not available here ({secrets.Name})";
        }
        else
        {
            try
            {
                await secrets.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                why = failure is OperationCanceledException ? "as it was cancelled" : $"as it failed: {failure.Message}";
            }
        }

        await console.Error.WriteLineAsync(
            $"warning: the password {which} stays in the OS secret store, {why}. It is the entry labelled '{key.Label}' (id {key.Id}); remove it with the store's own tool.").ConfigureAwait(false);
    }

    // Names become a file key, a keyring attribute, a Credential Manager target and a quoted argument of security -i:
    // a plain alphabet keeps all of them safe and unambiguous.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
