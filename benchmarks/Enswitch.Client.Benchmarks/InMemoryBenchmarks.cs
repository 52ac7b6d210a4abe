using BenchmarkDotNet.Attributes;
using Enswitch.Client.Benchmarks.Contenders;

namespace Enswitch.Client.Benchmarks;

/// <summary>
/// Pure client cost: every contender's call answered from memory with the same bytes, so what differs is
/// only what each client does to build, send and read the call.
/// </summary>
public class InMemoryBenchmarks : CallBenchmarks
{
    [GlobalSetup]
    public void Setup()
    {
        Set = new ContenderSet(() => new FixedResponseHandler(Scenario.SuccessBody), Credentials.InMemory);
        foreach (var contender in Set.All)
        {
            Scenario.Expect(contender.Name, Scenario.CreatedId, contender.CreateAsync().GetAwaiter().GetResult());
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Set.Dispose();
}
