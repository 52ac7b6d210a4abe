using Enswitch.Client.Testing;

namespace Enswitch.Cli.Tests;

/// <summary>One emulator on a real socket (127.0.0.1, a free port) shared by a test class.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private EnswitchEmulator? _emulator;

    public EnswitchEmulator Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _emulator = await EnswitchEmulator.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
