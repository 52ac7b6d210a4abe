using Microsoft.Extensions.Configuration;

namespace Enswitch.Client.Sample;

/// <summary>
/// The outcome of <see cref="EnswitchServerSelection.ChooseAsync"/>: the configuration to register the
/// SDK with. Disposing it stops a server the sample started itself.
/// </summary>
internal sealed class SelectedServer : IAsyncDisposable
{
    private readonly IAsyncDisposable? _ownedServer;

    private SelectedServer(IConfiguration configuration, IAsyncDisposable? ownedServer)
    {
        Configuration = configuration;
        _ownedServer = ownedServer;
    }

    /// <summary>Gets the configuration to use.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>A server named by the configuration, used as it is.</summary>
    public static SelectedServer Configured(IConfiguration configuration) => new(configuration, null);

    /// <summary>A server the sample started itself; it is stopped when this is disposed.</summary>
    public static SelectedServer Started(IConfiguration configuration, IAsyncDisposable server) => new(configuration, server);

    public ValueTask DisposeAsync() => _ownedServer?.DisposeAsync() ?? ValueTask.CompletedTask;
}
