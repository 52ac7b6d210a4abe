namespace Enswitch.Client.Benchmarks.Contenders;

/// <summary>One way of making the scenario's call; built once, then called many times.</summary>
internal interface IContender : IDisposable
{
    string Name { get; }

    Task<long> CreateAsync(CancellationToken cancellationToken = default);
}
