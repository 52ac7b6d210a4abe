using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The base of the fault-matrix suites that run on both ways of building the client: each suite is an
/// abstract class with one sealed subclass per <see cref="ClientConstruction"/>, so every row holds for
/// <c>AddEnswitchClient</c> and for <c>EnswitchClient.Create</c> alike; and further subclasses with the emulator in
/// memory (<see cref="EmulatorForm"/>), so that every fault reaches the SDK as it does over a socket.
/// </summary>
public abstract class OnBothConstructionPaths
{
    protected OnBothConstructionPaths(ClientConstruction construction, EmulatorForm form = EmulatorForm.Socket)
    {
        Construction = construction;
        Form = form;
    }

    protected ClientConstruction Construction { get; }

    protected EmulatorForm Form { get; }

    /// <summary>Starts an emulator of the suite's form and a client built the suite's way (see <see cref="SdkHarness.StartAsync"/>).</summary>
    protected Task<SdkHarness> StartAsync(
        Action<EnswitchClientOptions>? configure = null,
        bool fakeTime = false,
        Action<IServiceCollection>? services = null,
        EnswitchEmulatorOptions? emulatorOptions = null) =>
        SdkHarness.StartAsync(configure, fakeTime, http: null, services, emulatorOptions, Construction, Form);
}
