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
/// name, for the life of the service provider, so that two servers never share a breaker or a token. When a
/// client's options change (<see cref="IOptionsMonitor{TOptions}"/>: a reloaded configuration file, a rotated
/// secret), calls that start from then on run on a new pipeline built from them; calls already running finish
/// on the one they started with.
/// </summary>
internal sealed class EnswitchPipelines : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<PipelineSource>> _pipelines = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<EnswitchClientOptions> _options;
    private readonly ILogger? _logger;
    private readonly TimeProvider? _timeProvider;
    private readonly IMeterFactory? _meterFactory;
    private readonly IDisposable? _subscription;
    private readonly object _changing = new();

    public EnswitchPipelines(IOptionsMonitor<EnswitchClientOptions> options, IServiceProvider services)
    {
        _options = options;
        _logger = services.GetService<ILoggerFactory>()?.CreateLogger("Enswitch.Client");
        _timeProvider = services.GetService<TimeProvider>();
        _meterFactory = services.GetService<IMeterFactory>();
        _subscription = options.OnChange(Changed);
    }

    /// <summary>Returns where the named client's calls find their pipeline, built from its options (validated then) on first use.</summary>
    public PipelineSource Get(string name) =>
        _pipelines.GetOrAdd(name, n => new Lazy<PipelineSource>(() => new PipelineSource(new EnswitchPipeline(_options.Get(n), _logger, _timeProvider, _meterFactory)))).Value;

    public void Dispose() => _subscription?.Dispose();

    /// <summary>
    /// Replaces the pipeline of a client in use when its options changed in a way that matters. A change of nothing
    /// the SDK uses (a configuration file saved unchanged) keeps the pipeline, its breaker and its token; options
    /// that fail validation are refused with log event 9, and the client keeps the ones it had.
    /// </summary>
    private void Changed(EnswitchClientOptions options, string? name)
    {
        name ??= Options.DefaultName;
        if (!_pipelines.TryGetValue(name, out var lazy) || !lazy.IsValueCreated)
        {
            // Not used yet: its first call builds the pipeline from the options as they are then.
            return;
        }

        var source = lazy.Value;
        var logger = _logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        lock (_changing)
        {
            var current = source.Current;
            if (current.Options.HasSameSettings(options))
            {
                return;
            }

            try
            {
                source.Current = new EnswitchPipeline(options, _logger, _timeProvider, _meterFactory, predecessor: current);
            }
            catch (OptionsValidationException invalid)
            {
                Log.OptionsChangeRefused(logger, DisplayName(name), string.Join(" ", invalid.Failures));
                return;
            }
        }

        Log.OptionsChanged(logger, DisplayName(name));
    }

    private static string DisplayName(string name) => name.Length == 0 ? "(unnamed)" : name;
}
