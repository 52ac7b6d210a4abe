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

    /// <summary>
    /// Returns where the named client's calls find their pipeline, built from its options (validated then) on first use.
    /// Options that fail validation are not remembered: the next use tries again with the options as they are then.
    /// </summary>
    public PipelineSource Get(string name)
    {
        var lazy = _pipelines.GetOrAdd(name, n => new Lazy<PipelineSource>(() => new PipelineSource(new EnswitchPipeline(_options.Get(n), _logger, _timeProvider, _meterFactory))));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A Lazy keeps its exception: drop this one, so a configuration fixed later (a secret that arrives after
            // start-up, a reload) is used by the next call.
            ((ICollection<KeyValuePair<string, Lazy<PipelineSource>>>)_pipelines).Remove(new(name, lazy));
            throw;
        }
    }

    public void Dispose() => _subscription?.Dispose();

    /// <summary>
    /// Replaces the pipeline of a client in use when its options changed in a way that matters. A change of nothing
    /// the SDK uses (a configuration file saved unchanged) keeps the pipeline, its breaker and its token. Options that
    /// fail validation never get here: the options system refuses them (its reload throws
    /// <see cref="OptionsValidationException"/>), and the client keeps the ones it had.
    /// </summary>
    private void Changed(EnswitchClientOptions options, string? name)
    {
        name ??= Options.DefaultName;
        if (!_pipelines.TryGetValue(name, out var lazy))
        {
            // Not used yet: its first call builds the pipeline from the options as they are then.
            return;
        }

        PipelineSource source;
        try
        {
            // Waits for a first pipeline still being built, which may have read the options before this change.
            source = lazy.Value;
        }
        catch (OptionsValidationException)
        {
            // Its first use failed; Get drops it, and the next use builds from these options.
            return;
        }

        lock (_changing)
        {
            var current = source.Current;
            if (current.Options.HasSameSettings(options))
            {
                return;
            }

            source.Current = new EnswitchPipeline(options, _logger, _timeProvider, _meterFactory, predecessor: current);
        }

        Log.OptionsChanged(_logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, name.Length == 0 ? "(unnamed)" : name);
    }
}
