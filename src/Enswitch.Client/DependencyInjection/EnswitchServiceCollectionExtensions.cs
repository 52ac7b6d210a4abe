using Enswitch.Client.DependencyInjection;
using Enswitch.Client;
using Enswitch.Client.Recording;
using Enswitch.Client.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the Enswitch clients with an <see cref="IServiceCollection"/>: one unnamed client, or one named
/// client per Enswitch server.
/// </summary>
public static class EnswitchServiceCollectionExtensions
{
    /// <summary>
    /// The name of the <see cref="HttpClient"/> the unnamed client uses; a named client's is this name, a colon
    /// and the client's name (<c>Enswitch.Client:pbx-a</c>).
    /// </summary>
    public const string HttpClientName = "Enswitch.Client";

    /// <summary>
    /// Registers <see cref="IEnswitchClient"/>, <see cref="IRecordGroupsClient"/>, <see cref="IRecordingsClient"/>
    /// and <see cref="IEnswitchClientFactory"/>, with options set in code and validated when the host starts.
    /// Call it once; for several Enswitch servers, use the overload that takes a name, once per server.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the SDK's <see cref="HttpClient"/>, to add handlers or a proxy.</returns>
    /// <exception cref="InvalidOperationException">An unnamed Enswitch client is registered already.</exception>
    public static IHttpClientBuilder AddEnswitchClient(this IServiceCollection services, Action<EnswitchClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, Options.Options.DefaultName, null, options => options.Configure(configure));
    }

    /// <summary>
    /// Registers <see cref="IEnswitchClient"/>, <see cref="IRecordGroupsClient"/>, <see cref="IRecordingsClient"/>
    /// and <see cref="IEnswitchClientFactory"/>, with options bound from a configuration section (for example
    /// <c>builder.Configuration.GetSection("Enswitch")</c>) and validated when the host starts; validation
    /// messages name the keys under that section. Call it once; for several Enswitch servers, use the
    /// overload that takes a name, once per server.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <c>BaseAddress</c>, <c>Username</c>, <c>Password</c> and the other options.</param>
    /// <returns>The builder of the SDK's <see cref="HttpClient"/>, to add handlers or a proxy.</returns>
    /// <exception cref="InvalidOperationException">An unnamed Enswitch client is registered already.</exception>
    public static IHttpClientBuilder AddEnswitchClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, Options.Options.DefaultName, PathOf(configuration), options => options.Bind(configuration));
    }

    /// <summary>
    /// Registers a named Enswitch client, one per Enswitch server, with options set in code and validated when
    /// the host starts. Its <see cref="IEnswitchClient"/>, <see cref="IRecordGroupsClient"/> and
    /// <see cref="IRecordingsClient"/> are keyed services under <paramref name="name"/>
    /// (<c>[FromKeyedServices("pbx-a")] IEnswitchClient</c>), also reachable through
    /// <see cref="IEnswitchClientFactory.CreateClient(string)"/>. Each named client has its own options,
    /// circuit breaker, token and connections.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's name, such as <c>pbx-a</c>; not empty.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers or a proxy.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <exception cref="InvalidOperationException">A client with this name is registered already.</exception>
    public static IHttpClientBuilder AddEnswitchClient(this IServiceCollection services, string name, Action<EnswitchClientOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, name, null, options => options.Configure(configure));
    }

    /// <summary>
    /// Registers a named Enswitch client, one per Enswitch server, with options bound from a configuration
    /// section (for example <c>builder.Configuration.GetSection("Enswitch:PbxA")</c>) and validated when the
    /// host starts. Its <see cref="IEnswitchClient"/>, <see cref="IRecordGroupsClient"/> and
    /// <see cref="IRecordingsClient"/> are keyed services under <paramref name="name"/>, also reachable through
    /// <see cref="IEnswitchClientFactory.CreateClient(string)"/>. Each named client has its own options,
    /// circuit breaker, token and connections.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's name, such as <c>pbx-a</c>; not empty.</param>
    /// <param name="configuration">The section holding this server's <c>BaseAddress</c>, <c>Username</c>, <c>Password</c> and other options.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers or a proxy.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <exception cref="InvalidOperationException">A client with this name is registered already.</exception>
    public static IHttpClientBuilder AddEnswitchClient(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, name, PathOf(configuration), options => options.Bind(configuration));
    }

    // A section names its path; the root of a configuration has none, and its keys stand alone.
    private static string PathOf(IConfiguration configuration) => configuration is IConfigurationSection section ? section.Path : string.Empty;

    private static IHttpClientBuilder AddCore(IServiceCollection services, string name, string? configurationPath, Action<OptionsBuilder<EnswitchClientOptions>> bind)
    {
        ArgumentNullException.ThrowIfNull(services);
        ThrowIfRegistered(services, name);
        var registration = new EnswitchClientRegistration(name, name.Length == 0 ? HttpClientName : $"{HttpClientName}:{name}", configurationPath);
        services.AddSingleton(registration);

        var options = services.AddOptions<EnswitchClientOptions>(name);
        bind(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EnswitchClientOptions>, EnswitchOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, EnswitchHandlerFilter>());
        services.TryAddSingleton<EnswitchPipelines>();
        services.TryAddSingleton<EnswitchClientFactory>();
        services.TryAddSingleton<IEnswitchClientFactory>(static sp => sp.GetRequiredService<EnswitchClientFactory>());

        var builder = services.AddHttpClient(registration.HttpClientName)
            .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => EnswitchPrimaryHandler.CreateSocketHandler())
            // The SDK logs every call itself (events 1-6); the factory's two per-request loggers would repeat
            // that on every attempt and cost a scope and two timers' worth of work per request. An app that
            // wants them back calls AddDefaultLogger() on the returned builder; they never see the password.
            .RemoveAllLoggers();

        if (registration.IsDefault)
        {
            services.AddTransient<IEnswitchClient>(static sp => new EnswitchClientCore(Transport(sp, string.Empty)));
            services.AddTransient<IRecordGroupsClient>(static sp => new RecordGroupsClient(Transport(sp, string.Empty)));
            services.AddTransient<IRecordingsClient>(static sp => new RecordingsClient(Transport(sp, string.Empty)));
        }
        else
        {
            services.AddKeyedTransient<IEnswitchClient>(name, static (sp, key) => new EnswitchClientCore(Transport(sp, (string)key!)));
            services.AddKeyedTransient<IRecordGroupsClient>(name, static (sp, key) => new RecordGroupsClient(Transport(sp, (string)key!)));
            services.AddKeyedTransient<IRecordingsClient>(name, static (sp, key) => new RecordingsClient(Transport(sp, (string)key!)));
        }

        CategoryRegistrations.Add(services, name);
        return builder;
    }

    // Two unnamed registrations used to mean one server silently: the second's options replaced the first's.
    private static void ThrowIfRegistered(IServiceCollection services, string name)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(EnswitchClientRegistration) && !descriptor.IsKeyedService
                && descriptor.ImplementationInstance is EnswitchClientRegistration existing && existing.Name == name)
            {
                throw new InvalidOperationException(name.Length == 0
                    ? "AddEnswitchClient was called twice without a name, so the second call would replace the first server's options. " +
                      "To talk to several Enswitch servers, give each client a name: services.AddEnswitchClient(\"pbx-a\", ...), then inject " +
                      "[FromKeyedServices(\"pbx-a\")] IEnswitchClient, or call IEnswitchClientFactory.CreateClient(\"pbx-a\")."
                    : $"An Enswitch client named '{name}' is registered already; give each Enswitch server a name of its own.");
            }
        }
    }

    // Every client of one registration shares its pipeline (circuit breaker, token) built from its validated options.
    internal static EnswitchTransport Transport(IServiceProvider services, string name) =>
        services.GetRequiredService<EnswitchClientFactory>().Transport(name);
}
