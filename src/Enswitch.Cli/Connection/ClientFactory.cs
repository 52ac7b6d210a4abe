using Enswitch.Client;

namespace Enswitch.Cli.Connection;

/// <summary>Builds the SDK client of one run, with the SDK's own handler chain, or over the console's primary handler in tests.</summary>
internal static class ClientFactory
{
    /// <summary>Returns a client for <paramref name="options"/>.</summary>
    public static EnswitchClient Create(EnswitchClientOptions options, CliConsole console) =>
        console.HandlerFactory is { } handler ? EnswitchClient.Create(options, handler()) : EnswitchClient.Create(options);
}
