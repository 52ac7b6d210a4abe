using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Enswitch.Client.HealthChecks.Tests;

/// <summary>
/// A host registered as an application registers the SDK and its health checks, with every log line of the host
/// captured at Trace, and the emulators it talks to; the checks run through the host's <see cref="HealthCheckService"/>.
/// </summary>
internal sealed class HealthApp : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly EnswitchEmulator[] _emulators;

    private HealthApp(IHost host, EnswitchEmulator[] emulators)
    {
        _host = host;
        _emulators = emulators;
    }

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts a host whose services <paramref name="register"/> adds, talking to <paramref name="emulators"/>, which it disposes.</summary>
    public static async Task<HealthApp> StartAsync(Action<IServiceCollection> register, params EnswitchEmulator[] emulators)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging();
        register(builder.Services);
        var host = builder.Build();
        await host.StartAsync(Token);
        return new HealthApp(host, emulators);
    }

    /// <summary>Sets the options of a client of <paramref name="emulator"/>, with short retry delays for tests.</summary>
    public static Action<EnswitchClientOptions> Client(EnswitchEmulator emulator, string password, EnswitchAuthenticationMode authentication = EnswitchAuthenticationMode.Password) => o =>
    {
        o.BaseAddress = emulator.BaseAddress;
        o.Username = EnswitchEmulator.DefaultUsername;
        o.Password = password;
        o.Authentication = authentication;
        o.RetryDelay = TimeSpan.FromMilliseconds(10);
    };

    /// <summary>Returns how a description names the server of <paramref name="emulator"/>.</summary>
    public static string Server(EnswitchEmulator emulator) => $"http://127.0.0.1:{emulator.BaseAddress.Port}";

    /// <summary>Runs every registered check, as a health endpoint or publisher does.</summary>
    public Task<HealthReport> CheckAsync() => Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token);

    /// <summary>Returns every captured log line of the host: category, level, message, exception, state and scopes.</summary>
    public string AllLogText() =>
        string.Join('\n', Services.GetRequiredService<FakeLogCollector>().GetSnapshot().Select(r =>
            $"{r.Category} {r.Level} {r.Message} {r.Exception} {string.Join(';', r.StructuredState?.Select(s => s.Key + "=" + s.Value) ?? [])} {string.Join(';', r.Scopes)}"));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(Token);
        _host.Dispose();
        foreach (var emulator in _emulators)
        {
            await emulator.DisposeAsync();
        }
    }
}
