namespace Enswitch.Client.Benchmarks;

/// <summary>
/// Client cost with an in-memory answer that completes asynchronously (the handler yields once, as a socket
/// does): every contender's async layers suspend and resume, which the synchronous handler of
/// <see cref="InMemoryBenchmarks"/> hides.
/// </summary>
public class InMemoryAsyncBenchmarks : InMemoryBenchmarks
{
    /// <inheritdoc/>
    protected override bool HandlerYields => true;
}
