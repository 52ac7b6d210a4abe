using Enswitch.Client.Testing;
using Microsoft.Extensions.Configuration;

namespace Enswitch.Client.Sample;

/// <summary>
/// The one place that decides, before the host is built, which Enswitch server the sample talks to and
/// so which configuration the SDK is registered with. Everything after it reads only the configuration
/// it returns.
/// </summary>
internal static class EnswitchServerSelection
{
    /// <summary>The configuration section that holds the SDK's options.</summary>
    public const string SectionName = "Enswitch";

    /// <summary>
    /// Returns the server to use: the one configured under <c>Enswitch:BaseAddress</c>, or, when no address
    /// is set, an embedded Enswitch emulator started on 127.0.0.1 so the sample runs on a fresh machine.
    /// </summary>
    /// <param name="configuration">The host's configuration: appsettings.json, environment, command line.</param>
    /// <param name="cancellationToken">Cancels starting a server the sample owns.</param>
    public static async ValueTask<SelectedServer> ChooseAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!string.IsNullOrWhiteSpace(configuration[$"{SectionName}:BaseAddress"]))
        {
            return SelectedServer.Configured(configuration);
        }

        var emulator = await EnswitchEmulator.StartAsync(cancellationToken: cancellationToken);
        Console.Error.WriteLine($"No Enswitch server configured (Enswitch__BaseAddress): using the embedded emulator at {emulator.BaseAddress}.");
        var overlaid = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{SectionName}:BaseAddress"] = emulator.BaseAddress.ToString(),
                [$"{SectionName}:Username"] = EnswitchEmulator.DefaultUsername,
                [$"{SectionName}:Password"] = EnswitchEmulator.DefaultPassword,
            })
            .Build();
        return SelectedServer.Started(overlaid, emulator);
    }
}
