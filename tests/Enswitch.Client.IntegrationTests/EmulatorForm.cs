namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The two forms of the emulator that the conformance suites run against: each such suite is an abstract class with one
/// sealed subclass per form, so that every test of the emulator's behaviour holds for both without being written twice.
/// </summary>
public enum EmulatorForm
{
    /// <summary><c>EnswitchEmulator.StartAsync</c>: Kestrel on 127.0.0.1, reached over real sockets.</summary>
    Socket,

    /// <summary><c>EnswitchEmulator.StartInMemoryAsync</c>: the same server without a socket, reached through <c>CreateHandler()</c>.</summary>
    InMemory,
}
