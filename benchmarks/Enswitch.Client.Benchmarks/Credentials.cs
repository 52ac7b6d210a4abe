using Enswitch.Client.Testing;

namespace Enswitch.Client.Benchmarks;

/// <summary>The server every contender calls and the user it authenticates as.</summary>
internal sealed record Credentials(Uri BaseAddress, string Username, string Password)
{
    public static Credentials InMemory { get; } = new(Scenario.InMemoryBaseAddress, "user", "password");

    public static Credentials ForEmulator(EnswitchEmulator emulator) =>
        new(emulator.BaseAddress, EnswitchEmulator.DefaultUsername, EnswitchEmulator.DefaultPassword);
}
