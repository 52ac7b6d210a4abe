namespace Enswitch.Client.Testing;

/// <summary>
/// Configures an <see cref="EnswitchEmulator"/>.
/// </summary>
public sealed class EnswitchEmulatorOptions
{
    /// <summary>
    /// Gets or sets the Enswitch version the emulator acts as (default 4.4). Parameters added after it
    /// are treated as unknown (ignored and flagged in the journal), functions added after it answer as
    /// unknown functions (code 404), and <c>fraction=0</c> is refused before 3.14. A function whose version the
    /// catalogue only infers (its guide page shows no change history) is served at any version, as the SDK
    /// sends it whatever <c>ServerVersion</c> says.
    /// </summary>
    public Version Version { get; set; } = new(4, 4);

    /// <summary>
    /// Gets or sets the first id given to a created object (default 1).
    /// </summary>
    public long FirstId { get; set; } = 1;

    /// <summary>
    /// Gets or sets the customer of the default administrator (default 1).
    /// </summary>
    public long DefaultCustomerId { get; set; } = 1;

    /// <summary>
    /// Gets or sets the port to listen on at 127.0.0.1; 0 (the default) picks a free port.
    /// </summary>
    public int Port { get; set; }

    /// <summary>
    /// Gets or sets how long an authentication token from <c>user/login</c> with <c>token=1</c> stays valid
    /// (default one hour, the emulator's stand-in for the "Authentication token expiry" setting), or
    /// <see langword="null"/> for tokens that never expire, in which case the login answer has no
    /// <c>auth_token_expires</c>.
    /// </summary>
    public TimeSpan? TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets the clock the emulator reads (default <see cref="TimeProvider.System"/>): token expiry
    /// and the default end of a recording list follow it, so a test can expire tokens with a fake clock.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws when an option cannot work, so that a mistake shows at start rather than mid-test.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Version);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (TokenLifetime is { } lifetime)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero, nameof(TokenLifetime));
        }
    }
}
