using System.Diagnostics.Metrics;
using Enswitch.Client;
using Enswitch.Client.Recording;
using Enswitch.Client.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the Enswitch clients with an <see cref="IServiceCollection"/>.
/// </summary>
public static class EnswitchServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the SDK's clients use.</summary>
    public const string HttpClientName = "Enswitch.Client";

    /// <summary>
    /// Registers <see cref="IEnswitchClient"/>, <see cref="IRecordGroupsClient"/> and <see cref="IRecordingsClient"/>
    /// as typed clients, with options set in code and
    /// validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the SDK's <see cref="HttpClient"/>, to add handlers or a proxy.</returns>
    public static IHttpClientBuilder AddEnswitchClient(this IServiceCollection services, Action<EnswitchClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<EnswitchClientOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Registers <see cref="IEnswitchClient"/>, <see cref="IRecordGroupsClient"/> and <see cref="IRecordingsClient"/>
    /// as typed clients, with options bound from a
    /// configuration section (for example <c>builder.Configuration.GetSection("Enswitch")</c>) and
    /// validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <c>BaseAddress</c>, <c>Username</c>, <c>Password</c> and the other options.</param>
    /// <returns>The builder of the SDK's <see cref="HttpClient"/>, to add handlers or a proxy.</returns>
    public static IHttpClientBuilder AddEnswitchClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EnswitchClientOptions>().Bind(configuration);
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<EnswitchClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EnswitchClientOptions>, EnswitchOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, EnswitchHandlerFilter>());
        services.TryAddSingleton(sp => new EnswitchPipeline(
            sp.GetRequiredService<IOptions<EnswitchClientOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger("Enswitch.Client"),
            sp.GetService<TimeProvider>(),
            sp.GetService<IMeterFactory>()));

        var builder = services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => CreatePrimaryHandler())
            // The SDK logs every call itself (events 1-6); the factory's two per-request loggers would repeat
            // that on every attempt and cost a scope and two timers' worth of work per request. An app that
            // wants them back calls AddDefaultLogger() on the returned builder; they never see the password.
            .RemoveAllLoggers();
        builder.AddTypedClient<IRecordGroupsClient>(static (http, sp) => new RecordGroupsClient(Transport(http, sp)));
        builder.AddTypedClient<IRecordingsClient>(static (http, sp) => new RecordingsClient(Transport(http, sp)));
        builder.AddTypedClient<IEnswitchClient>(static (http, sp) => new EnswitchClient(Transport(http, sp)));
        return builder;
    }

#if NET
    private static SocketsHttpHandler CreatePrimaryHandler() =>
        new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
#else
    private static HttpClientHandler CreatePrimaryHandler() =>
        // netstandard2.0 has no SocketsHttpHandler: the factory's handler rotation (every two minutes) picks up
        // DNS changes instead of a connection lifetime, and the SDK's attempt timeout bounds a slow connect.
        new HttpClientHandler { AllowAutoRedirect = false };
#endif

    // Every client shares the one pipeline (circuit breaker, token) built from the validated options.
    private static EnswitchTransport Transport(HttpClient http, IServiceProvider services) =>
        new(http, services.GetRequiredService<EnswitchPipeline>(), deferQuery: true);
}
