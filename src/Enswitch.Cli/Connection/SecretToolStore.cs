namespace Enswitch.Cli.Connection;

/// <summary>
/// The Linux (freedesktop Secret Service) store through libsecret's <c>secret-tool</c>: GNOME Keyring, KWallet's
/// Secret Service, KeePassXC and others. One item per <see cref="SecretKey"/>, with the attributes
/// <c>service enswitch id ID profile NAME server URL user USER</c>; a lookup or a removal names all of them, so it finds
/// only the item saved for that profile, server and user. The password travels to <c>secret-tool store</c> on its
/// standard input and back from <c>secret-tool lookup</c> on its standard output; it is never an argument, which other
/// users could read in the process list.
/// </summary>
/// <param name="executable">The path of <c>secret-tool</c>.</param>
/// <param name="timeLimit">How long one run of <c>secret-tool</c> may take.</param>
internal sealed class SecretToolStore(string executable, TimeSpan timeLimit) : ISecretStore
{
    private const string Hint =
        "The Secret Service (a keyring such as GNOME Keyring or KeePassXC) must be running and unlocked in this desktop session; " +
        "where there is none (SSH, containers, servers), run enswitch login with --password-source environment and set ENSWITCH_PASSWORD at each run.";

    /// <summary>Gets the path of <c>secret-tool</c>.</summary>
    public string Executable => executable;

    /// <inheritdoc/>
    public string Name => "libsecret (secret-tool)";

    /// <inheritdoc/>
    public bool IsAvailable => true;

    /// <inheritdoc/>
    public async Task<string?> ReadAsync(SecretKey key, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["lookup", .. Attributes(key)], null, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == 0 && result.TimedOutAfter is null)
        {
            // secret-tool adds a newline only when stdout is a terminal, which it is not here; one left by another writer goes.
            var password = result.Output.EndsWith('\n') ? result.Output[..^1] : result.Output;
            return password.Length == 0 ? null : password;
        }

        // No item: exit code 1 and nothing on stderr.
        return NothingFound(result) ? null : throw result.Failure(Name, $"reading the password of profile '{key.Profile}'", Hint);
    }

    /// <inheritdoc/>
    public async Task WriteAsync(SecretKey key, string password, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["store", "--label=" + key.Label, .. Attributes(key)], password, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 || result.TimedOutAfter is not null)
        {
            throw result.Failure(Name, $"saving the password of profile '{key.Profile}'", Hint, password);
        }
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(SecretKey key, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["clear", .. Attributes(key)], null, cancellationToken).ConfigureAwait(false);
        if ((result.ExitCode != 0 || result.TimedOutAfter is not null) && !NothingFound(result))
        {
            throw result.Failure(Name, $"removing the password of profile '{key.Profile}'", Hint);
        }
    }

    private static string[] Attributes(SecretKey key) =>
        ["service", "enswitch", "id", key.Id, "profile", key.Profile, "server", key.Server.ToString(), "user", key.User];

    // lookup and clear exit with 1 and say nothing when no item matches; an error always has a message.
    private static bool NothingFound(SecretProcessResult result) =>
        result.TimedOutAfter is null && result.ExitCode == 1 && result.Error.Trim().Length == 0;

    private Task<SecretProcessResult> RunAsync(string[] arguments, string? input, CancellationToken cancellationToken) =>
        SecretProcess.RunAsync(executable, arguments, input, timeLimit, cancellationToken);
}
