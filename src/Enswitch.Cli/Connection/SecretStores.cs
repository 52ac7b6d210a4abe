namespace Enswitch.Cli.Connection;

/// <summary>Chooses the OS secret store of this machine.</summary>
internal static class SecretStores
{
    /// <summary>Returns the secret store of this operating system, or one that says it is unavailable.</summary>
    public static ISecretStore ForThisMachine() => new UnavailableSecretStore("no OS secret store support yet");
}
