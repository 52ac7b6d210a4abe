using Enswitch.Client.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The base of the conformance suites, which test the emulator's own behaviour: each is an abstract class with one sealed
/// subclass per <see cref="EmulatorForm"/>, so that every test holds for the emulator on a socket and in memory alike.
/// </summary>
public abstract class OnBothEmulatorForms(EmulatorForm form)
{
    protected EmulatorForm Form { get; } = form;

    /// <summary>Starts an emulator of the suite's form.</summary>
    protected Task<EnswitchEmulator> StartEmulatorAsync(EnswitchEmulatorOptions? options = null) => SdkHarness.StartEmulatorAsync(Form, options);

    /// <summary>Starts an emulator of the suite's form and the SDK on it, built through dependency injection (see <see cref="SdkHarness.StartAsync"/>).</summary>
    protected Task<SdkHarness> StartHarnessAsync(Action<EnswitchClientOptions>? configure = null, EnswitchEmulatorOptions? emulatorOptions = null) =>
        SdkHarness.StartAsync(configure, emulatorOptions: emulatorOptions, form: Form);
}
