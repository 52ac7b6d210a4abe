using Microsoft.Extensions.DependencyInjection;
using Enswitch.Client;
using Enswitch.Client.Transport;

namespace Enswitch.Client.DependencyInjection;

/// <summary>
/// The default <see cref="IEnswitchClientFactory"/>: one <see cref="EnswitchPipeline"/> per registered name,
/// built on first use from that name's validated options, and a client per request on that name's
/// <see cref="HttpClient"/>.
/// </summary>
internal sealed class EnswitchClientFactory : IEnswitchClientFactory
{
    private readonly Dictionary<string, EnswitchClientRegistration> _registrations;
    private readonly EnswitchPipelines _pipelines;
    private readonly IHttpClientFactory _httpClients;

    public EnswitchClientFactory(IEnumerable<EnswitchClientRegistration> registrations, EnswitchPipelines pipelines, IHttpClientFactory httpClients)
    {
        _registrations = registrations.ToDictionary(r => r.Name, StringComparer.Ordinal);
        _pipelines = pipelines;
        _httpClients = httpClients;
    }

    public IEnswitchClient CreateClient(string name) => new EnswitchClientCore(Transport(name));

    /// <summary>Returns a transport for the named registration: its pipeline and a client from its HttpClient.</summary>
    public EnswitchTransport Transport(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_registrations.TryGetValue(name, out var registration))
        {
            var known = _registrations.Count == 0 ? "none" : string.Join(", ", _registrations.Keys.Select(k => k.Length == 0 ? "(unnamed)" : $"'{k}'"));
            throw new InvalidOperationException($"No Enswitch client is registered under the name '{name}'. Registered: {known}. Register it with services.AddEnswitchClient(\"{name}\", ...).");
        }

        // The SDK's innermost handler is in this HttpClient's chain (EnswitchHandlerFilter), so the GET query can wait for it.
        return new EnswitchTransport(_httpClients.CreateClient(registration.HttpClientName), _pipelines.Get(name), deferQuery: true);
    }
}
