using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Enswitch.Client.Transport;

/// <summary>
/// Everything a call needs that lives as long as the configuration: the validated options, the Polly
/// pipeline (one circuit breaker shared by every call), the logger, telemetry, the clock, the scrubber
/// and the User-Agent header.
/// Built once; shared by every client created from the same options.
/// </summary>
internal sealed class EnswitchPipeline
{
    private readonly ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);
    private readonly Uri _root;
    private int _insecureWarned;

    /// <param name="options">The options, validated now; a copy is taken.</param>
    /// <param name="logger">The logger, or <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock, or <see langword="null"/> for the system's.</param>
    /// <param name="meterFactory">The meter factory, or <see langword="null"/> for a meter of the SDK's own.</param>
    /// <param name="predecessor">
    /// The pipeline this one replaces after the options changed, or <see langword="null"/>: its password stays masked,
    /// in case a server or a late answer still quotes it. Only the one before is kept, so rotations never pile up.
    /// </param>
    public EnswitchPipeline(EnswitchClientOptions options, ILogger? logger, TimeProvider? timeProvider, IMeterFactory? meterFactory = null, EnswitchPipeline? predecessor = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        EnswitchOptionsValidator.ThrowIfInvalid(options);
        Options = options.Clone();
        Logger = logger ?? NullLogger.Instance;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Errors = new ErrorFactory(new SecretScrubber(Options.Password, predecessor?.Options.Password), TimeProvider);
        Limits = CallLimits.Of(Options);
        Authentication =
        [
            new("auth_username", Options.Username!),
            new("auth_password", Options.Password!),
        ];
        var root = Options.BaseAddress!.AbsoluteUri;
        _root = new Uri(root.EndsWith('/') ? root : root + "/");
        Telemetry = new EnswitchTelemetry(_root, TimeProvider, meterFactory);
        UserAgent = UserAgentHeader.Build(Options.ApplicationId);
        Resilience = Build(Options, TimeProvider, Logger, Telemetry);
        Tokens = Options.Authentication == EnswitchAuthenticationMode.Token ? new TokenSource(this) : null;
    }

    /// <summary>Gets the token source in token mode, or <see langword="null"/> when every call sends the password.</summary>
    public TokenSource? Tokens { get; }

    public EnswitchClientOptions Options { get; }

    /// <summary>Gets the limits of a call that sets none of its own: the options' timeouts, retries and caps.</summary>
    public CallLimits Limits { get; }

    public ILogger Logger { get; }

    public TimeProvider TimeProvider { get; }

    public ErrorFactory Errors { get; }

    public EnswitchTelemetry Telemetry { get; }

    /// <summary>Gets the User-Agent header value, built once because nothing in it changes between calls.</summary>
    public string UserAgent { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Authentication { get; }

    public ResiliencePipeline Resilience { get; }

    /// <summary>
    /// Gets or sets a value indicating whether the HTTP stack is an HttpWebRequest-based one (.NET Framework,
    /// Mono, Xamarin, Unity), not .NET Core's or .NET's. Such a stack refuses a body on GET
    /// (ProtocolViolationException), so a GET carries none there, and it may re-send a buffered request
    /// on a fresh connection when a kept-alive one fails, below every handler; so a non-idempotent call
    /// asks for the connection to be closed after it, leaving no kept-alive connection to fail that way.
    /// Settable so tests can take that path.
    /// </summary>
    internal bool LegacyHttpStack { get; set; } = RuntimeHasLegacyHttpStack;

#if NET
    private static bool RuntimeHasLegacyHttpStack => false;
#else
    // An allow-list of the runtimes known to have the modern stack (".NET Core 3.1.32", ".NET 8.0.1"):
    // anything else gets the cautious path.
    private static bool RuntimeHasLegacyHttpStack { get; } = !IsModernRuntime(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);

    private static bool IsModernRuntime(string description) =>
        description.StartsWith(".NET Core ", StringComparison.Ordinal)
        || (description.StartsWith(".NET ", StringComparison.Ordinal) && description.Length > 5 && char.IsDigit(description[5]));
#endif

    /// <summary>Returns the absolute URI of a function, without a query string.</summary>
    public Uri UriFor(EnswitchFunction function) =>
        _uris.GetOrAdd(function.RelativePath, static (path, root) => new Uri(root, path), _root);

    /// <summary>Logs, once per pipeline, that the password is about to cross the network in clear text.</summary>
    public void WarnIfInsecure()
    {
        // Read before the exchange: on every call after the first, a plain read, not a contended write.
        if (_root.Scheme == Uri.UriSchemeHttp && !_root.IsLoopback && Volatile.Read(ref _insecureWarned) == 0 && Interlocked.Exchange(ref _insecureWarned, 1) == 0)
        {
            Log.InsecureHttp(Logger);
        }
    }

    private static ResiliencePipeline Build(EnswitchClientOptions options, TimeProvider timeProvider, ILogger logger, EnswitchTelemetry telemetry) =>
        // One strategy holds the total timeout, retry, circuit breaker and attempt timeout (EnswitchResilienceStrategy
        // says why). The attempt itself (send, bounded read, parse) runs inside, so every timeout covers the body too.
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddStrategy(_ => new EnswitchResilienceStrategy(options, timeProvider, logger, telemetry))
            .Build();
}
