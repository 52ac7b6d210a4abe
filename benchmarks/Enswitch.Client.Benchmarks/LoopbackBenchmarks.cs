using BenchmarkDotNet.Attributes;
using Enswitch.Client.Benchmarks.Contenders;
using Enswitch.Client.Testing;

namespace Enswitch.Client.Benchmarks;

/// <summary>
/// End to end, one caller at a time: every contender over a socket handler of its own to the Enswitch
/// emulator (Kestrel on 127.0.0.1), which runs in the same process and shares the machine.
/// </summary>
public class LoopbackBenchmarks : CallBenchmarks
{
    private EnswitchEmulator _emulator = null!;

    [GlobalSetup]
    public void Setup()
    {
        _emulator = EnswitchEmulator.StartAsync().GetAwaiter().GetResult();
        var credentials = Credentials.ForEmulator(_emulator);
        Scenario.ExpectEmulatorBody(credentials);

        // The check above created group 1; the emulator numbers the next ones in order.
        Set = new ContenderSet(() => new SocketsHttpHandler(), credentials);
        var expected = 2L;
        foreach (var contender in Set.All)
        {
            Scenario.Expect(contender.Name, expected++, contender.CreateAsync().GetAwaiter().GetResult());
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Set.Dispose();
        _emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
