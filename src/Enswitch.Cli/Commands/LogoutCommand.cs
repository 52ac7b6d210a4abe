using System.CommandLine;
using Enswitch.Cli.Connection;
using Enswitch.Cli.Failures;

namespace Enswitch.Cli.Commands;

/// <summary>
/// <c>enswitch logout</c>: removes a profile from the profile file and its password from the OS secret store. The
/// password goes first, so that a store that fails leaves the profile in place to try again.
/// </summary>
internal static class LogoutCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliConsole console)
    {
        var command = new Command(
            "logout",
            "Remove a connection profile and the password the OS secret store holds for it. --profile names it (default: ENSWITCH_PROFILE, else the default profile).");
        command.SetAction((parse, cancellationToken) =>
            ProfileCommands.RunAsync(console, "enswitch logout", "Nothing was removed.", () => RunAsync(parse, console, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var store = new ProfileStore(console.ProfileFolder);
        var file = store.Load();
        var name = ProfileCommands.NamedProfile(parse, console) ?? file.Default
            ?? throw new CliUsageException($"No profile named and no default profile in {store.Path}; give --profile NAME (enswitch profiles lists them).");
        if (!file.Profiles.TryGetValue(name, out var profile))
        {
            throw new CliUsageException($"There is no profile '{name}' in {store.Path}; enswitch profiles lists them.");
        }

        var quiet = parse.GetValue(GlobalOptions.Of(parse).Quiet);
        var secrets = console.Secrets;
        string? where = null;
        if (profile.Password == PasswordSource.SecretStore && SecretKey.TryOf(name, profile) is { } key)
        {
            if (secrets.IsAvailable)
            {
                await secrets.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
                where = $" and its password from {secrets.Name}";
            }
            else
            {
                await console.Error.WriteLineAsync(
                    $"warning: profile '{name}' kept its password in the OS secret store, which is not available here ({secrets.Name}); " +
                    $"it stays there (the entry labelled '{key.Label}') until removed with the store's own tool where the store is available.").ConfigureAwait(false);
            }
        }

        // Removed only if it is still the profile read above: one saved meanwhile by another command (a new login) stays.
        var (removed, wasDefault, left) = store.Update(now =>
        {
            if (!now.Profiles.TryGetValue(name, out var current))
            {
                return (true, false, now.Profiles.Count);
            }

            if (current != profile)
            {
                return (false, false, now.Profiles.Count);
            }

            now.Profiles.Remove(name);
            var isDefault = now.Default == name;
            if (isDefault)
            {
                now.Default = null;
            }

            return (true, isDefault, now.Profiles.Count);
        });
        if (!removed)
        {
            throw new CliUsageException($"Profile '{name}' was saved again by another enswitch command meanwhile; it was left as that command saved it. Run enswitch logout again to remove it.");
        }

        if (!quiet)
        {
            await console.Error.WriteLineAsync($"Removed profile '{name}' from {store.Path}{where}.").ConfigureAwait(false);
            if (wasDefault && left > 0)
            {
                await console.Error.WriteLineAsync("There is no default profile now: give --profile NAME, or make one the default with enswitch login --profile NAME --default.").ConfigureAwait(false);
            }
        }

        return ExitCodes.Success;
    }
}
