using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.Benchmarks.Contenders;

/// <summary>
/// The SDK as an application wires it: dependency injection, logging registered with no provider, the default options
/// (retries, circuit breaker, timeouts on) unless a benchmark changes them, the full handler chain of the HTTP client
/// factory; only the primary handler is the benchmark's transport.
/// </summary>
internal static class SdkServices
{
    public static ServiceProvider Build(HttpMessageHandler handler, Credentials credentials, Action<EnswitchClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEnswitchClient(o =>
        {
            o.BaseAddress = credentials.BaseAddress;
            o.Username = credentials.Username;
            o.Password = credentials.Password;
            o.AllowInsecureHttp = true;
            configure?.Invoke(o);
        }).ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider();
    }
}
