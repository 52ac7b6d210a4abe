namespace Enswitch.Cli.Connection;

/// <summary>The store of a machine that has none the tool can use: it holds nothing and refuses to save.</summary>
internal sealed class UnavailableSecretStore(string why) : ISecretStore
{
    /// <inheritdoc/>
    public string Name => why;

    /// <inheritdoc/>
    public bool IsAvailable => false;

    /// <inheritdoc/>
    public Task<string?> ReadAsync(SecretKey key, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <inheritdoc/>
    public Task WriteAsync(SecretKey key, string password, CancellationToken cancellationToken) =>
        throw new CliUsageException($"No OS secret store is available ({why}).");

    /// <inheritdoc/>
    public Task DeleteAsync(SecretKey key, CancellationToken cancellationToken) => Task.CompletedTask;
}
