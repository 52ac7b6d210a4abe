namespace Enswitch.Cli.Connection;

/// <summary>
/// Chooses the OS secret store of this machine: Windows Credential Manager on Windows, the login keychain through
/// <c>/usr/bin/security</c> on macOS, and the Secret Service through libsecret's <c>secret-tool</c> on Linux and other
/// Unix systems when it is installed and a D-Bus session exists. Elsewhere the store says why it is unavailable, and
/// <c>enswitch login</c> keeps the password out of the profile and asks for <c>ENSWITCH_PASSWORD</c> instead.
/// Only the <c>secret-tool</c> store runs in CI (Linux); the Windows and macOS stores are not exercised there.
/// </summary>
internal static class SecretStores
{
    /// <summary>The libsecret tool's name, looked up on PATH.</summary>
    public const string SecretTool = "secret-tool";

    /// <summary>Returns the secret store of this operating system, or one that says it is unavailable.</summary>
    public static ISecretStore ForThisMachine() => ForThisMachine(Environment.GetEnvironmentVariable, SecretProcess.DefaultTimeLimit);

    /// <summary>Returns the secret store of this operating system, finding its tool through <paramref name="environment"/>'s PATH.</summary>
    /// <param name="environment">Reads an environment variable (PATH, DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR).</param>
    /// <param name="timeLimit">How long one run of a store's tool may take.</param>
    public static ISecretStore ForThisMachine(Func<string, string?> environment, TimeSpan timeLimit)
    {
        if (OperatingSystem.IsWindows())
        {
            return new WindowsCredentialStore();
        }

        if (OperatingSystem.IsMacOS())
        {
            return File.Exists(MacKeychainStore.SecurityTool)
                ? new MacKeychainStore(MacKeychainStore.SecurityTool, timeLimit)
                : new UnavailableSecretStore($"{MacKeychainStore.SecurityTool} is missing");
        }

        if (FindOnPath(SecretTool, environment) is not { } secretTool)
        {
            return new UnavailableSecretStore("libsecret's secret-tool is not installed; it is in the libsecret-tools package on Debian and Ubuntu");
        }

        // libsecret reaches the keyring over the D-Bus session bus; without one (SSH, containers, servers) it would try to
        // start a bus and fail, so the store is unavailable from the start rather than failing at each use.
        return HasSessionBus(environment)
            ? new SecretToolStore(secretTool, timeLimit)
            : new UnavailableSecretStore("secret-tool is installed, but there is no D-Bus session here: DBUS_SESSION_BUS_ADDRESS is not set, as over SSH or in a container");
    }

    /// <summary>Returns the full path of the executable file <paramref name="name"/> in the first PATH folder that has it, or <see langword="null"/>.</summary>
    public static string? FindOnPath(string name, Func<string, string?> environment)
    {
        foreach (var folder in (environment("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
            {
                return candidate;
            }
        }

        return null;
    }

    // GLib finds the session bus in DBUS_SESSION_BUS_ADDRESS, else at $XDG_RUNTIME_DIR/bus (systemd's user bus).
    private static bool HasSessionBus(Func<string, string?> environment) =>
        !string.IsNullOrEmpty(environment("DBUS_SESSION_BUS_ADDRESS")) ||
        (environment("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && File.Exists(Path.Combine(runtime, "bus")));
}
