using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The base of the fault-matrix suites that run on both ways of building the client: each suite is an
/// abstract class with one sealed subclass per <see cref="ClientConstruction"/>, so every row holds for
/// <c>AddEnswitchClient</c> and for <see cref="EnswitchClient.Create"/> alike.
/// </summary>
public abstract class OnBothConstructionPaths
{
    protected OnBothConstructionPaths(ClientConstruction construction) => Construction = construction;

    protected ClientConstruction Construction { get; }

    /// <summary>Starts an emulator and a client built the suite's way (see <see cref="SdkHarness.StartAsync"/>).</summary>
    protected Task<SdkHarness> StartAsync(
        Action<EnswitchClientOptions>? configure = null,
        bool fakeTime = false,
        Action<IServiceCollection>? services = null,
        EnswitchEmulatorOptions? emulatorOptions = null) =>
        SdkHarness.StartAsync(configure, fakeTime, http: null, services, emulatorOptions, Construction);
}
