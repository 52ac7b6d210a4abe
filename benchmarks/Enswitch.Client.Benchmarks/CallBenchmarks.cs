using BenchmarkDotNet.Attributes;
using Enswitch.Client.Benchmarks.Contenders;

namespace Enswitch.Client.Benchmarks;

/// <summary>The scenario's call by every contender; a subclass chooses the transport.</summary>
[MemoryDiagnoser]
public abstract class CallBenchmarks
{
    private protected ContenderSet Set { get; set; } = null!;

    [Benchmark(Baseline = true, Description = "HttpClient (floor)")]
    public Task<long> Floor() => Set.Floor.CreateAsync();

    [Benchmark(Description = "Enswitch.Client")]
    public Task<long> Sdk() => Set.Sdk.CreateAsync();

    [Benchmark(Description = "Enswitch.Client (no retry, no breaker)")]
    public Task<long> SdkWithoutRetryOrBreaker() => Set.SdkWithoutRetryOrBreaker.CreateAsync();

    [Benchmark(Description = "Refit")]
    public Task<long> Refit() => Set.Refit.CreateAsync();

    [Benchmark(Description = "RestSharp")]
    public Task<long> RestSharp() => Set.RestSharp.CreateAsync();

    [Benchmark(Description = "Flurl.Http")]
    public Task<long> Flurl() => Set.Flurl.CreateAsync();
}
