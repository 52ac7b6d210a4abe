namespace Enswitch.Client.Testing;

/// <summary>
/// Configures an <see cref="EnswitchEmulator"/>.
/// </summary>
public sealed class EnswitchEmulatorOptions
{
    /// <summary>
    /// Gets or sets the Enswitch version the emulator acts as (default 4.4). Parameters added after it
    /// are treated as unknown (ignored and flagged in the journal), and <c>fraction=0</c> is refused before 3.14.
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
}
