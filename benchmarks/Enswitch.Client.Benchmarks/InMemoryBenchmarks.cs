using BenchmarkDotNet.Attributes;
using Enswitch.Client.Benchmarks.Contenders;

namespace Enswitch.Client.Benchmarks;

/// <summary>
/// Pure client cost: every contender's call answered from memory with the same bytes, so what differs is
/// only what each client does to build, send and read the call. The answer completes synchronously, so no
/// contender's <c>await</c> suspends; <see cref="InMemoryAsyncBenchmarks"/> measures the same with an answer
/// that completes later, as a socket's does.
/// </summary>
public class InMemoryBenchmarks : CallBenchmarks
{
    /// <summary>Gets a value indicating whether the in-memory answer completes asynchronously.</summary>
    protected virtual bool HandlerYields => false;

    [GlobalSetup]
    public void Setup()
    {
        Set = new ContenderSet(() => new FixedResponseHandler(Scenario.SuccessBody, HandlerYields), Credentials.InMemory);
        foreach (var contender in Set.All)
        {
            Scenario.Expect(contender.Name, Scenario.CreatedId, contender.CreateAsync().GetAwaiter().GetResult());
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Set.Dispose();
}
