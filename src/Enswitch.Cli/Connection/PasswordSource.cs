namespace Enswitch.Cli.Connection;

/// <summary>Where a profile's password comes from; the profile file never holds the password itself.</summary>
internal enum PasswordSource
{
    /// <summary>The environment variable <c>ENSWITCH_PASSWORD</c> (or <c>--password-stdin</c>) at each run.</summary>
    Environment,

    /// <summary>The OS secret store, where <c>enswitch login</c> saved it.</summary>
    SecretStore,

    /// <summary>
    /// The embedded emulator's documented password (<c>EnswitchEmulator.DefaultPassword</c>), for the profile
    /// <c>enswitch emulator</c> saves; honoured only for a loopback server.
    /// </summary>
    Emulator,
}
