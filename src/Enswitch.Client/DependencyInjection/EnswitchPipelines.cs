using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Enswitch.Client;
using Enswitch.Client.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Enswitch.Client.DependencyInjection;

/// <summary>
/// One <see cref="EnswitchPipeline"/> (options, circuit breaker, token, telemetry) per registered client
/// name, for the life of the service provider, so that two servers never share a breaker or a token.
/// </summary>
internal sealed class EnswitchPipelines
{
    private readonly ConcurrentDictionary<string, Lazy<EnswitchPipeline>> _pipelines = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<EnswitchClientOptions> _options;
    private readonly ILogger? _logger;
    private readonly TimeProvider? _timeProvider;
    private readonly IMeterFactory? _meterFactory;

    public EnswitchPipelines(IOptionsMonitor<EnswitchClientOptions> options, IServiceProvider services)
    {
        _options = options;
        _logger = services.GetService<ILoggerFactory>()?.CreateLogger("Enswitch.Client");
        _timeProvider = services.GetService<TimeProvider>();
        _meterFactory = services.GetService<IMeterFactory>();
    }

    /// <summary>Returns the pipeline of the named client, built from its options (validated then) on first use.</summary>
    public EnswitchPipeline Get(string name) =>
        _pipelines.GetOrAdd(name, n => new Lazy<EnswitchPipeline>(() => new EnswitchPipeline(_options.Get(n), _logger, _timeProvider, _meterFactory))).Value;
}
