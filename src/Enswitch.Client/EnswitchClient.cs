using System.Text.Json;
using Enswitch.Client.Recording;
using Enswitch.Client.Transport;
using Microsoft.Extensions.Logging;

namespace Enswitch.Client;

/// <summary>
/// The default <see cref="IEnswitchClient"/>. With dependency injection, resolve <see cref="IEnswitchClient"/>
/// after <c>services.AddEnswitchClient(...)</c>; without it, construct one and keep it for the life of the
/// application, so that its circuit breaker and token are shared by every call.
/// </summary>
public sealed class EnswitchClient : IEnswitchClient
{
    private readonly EnswitchTransport _transport;

    /// <summary>Initializes a new instance of the <see cref="EnswitchClient"/> class for use without dependency injection.</summary>
    /// <param name="httpClient">The client that sends the requests; it should not follow redirects.</param>
    /// <param name="options">The options, validated now; a copy is taken.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public EnswitchClient(HttpClient httpClient, EnswitchClientOptions options)
        : this(httpClient, options, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EnswitchClient"/> class for use without dependency injection, with a logger.</summary>
    /// <param name="httpClient">The client that sends the requests; it should not follow redirects.</param>
    /// <param name="options">The options, validated now; a copy is taken.</param>
    /// <param name="logger">The logger for the SDK's events, or <see langword="null"/> for none.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public EnswitchClient(HttpClient httpClient, EnswitchClientOptions options, ILogger? logger)
        : this(new EnswitchTransport(httpClient, new EnswitchPipeline(options, logger, null), deferQuery: false))
    {
    }

    internal EnswitchClient(EnswitchTransport transport)
    {
        _transport = transport;
        RecordGroups = new RecordGroupsClient(transport);
        Recordings = new RecordingsClient(transport);
    }

    /// <inheritdoc/>
    public IRecordGroupsClient RecordGroups { get; }

    /// <inheritdoc/>
    public IRecordingsClient Recordings { get; }

    /// <inheritdoc/>
    public Task<JsonElement?> CallAsync(string functionName, IEnumerable<KeyValuePair<string, string>> parameters, OperationKind kind = OperationKind.NonIdempotent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        RawCall.CheckFunction(functionName);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an operation kind.");
        }

        var wire = new EnswitchParameters();
        foreach (var (name, value) in parameters)
        {
            RawCall.CheckParameter(name, value);
            wire.Add(name, value);
        }

        VersionGate.CheckRaw(_transport.Pipeline.Options.ServerVersion, functionName, wire.Items);

        // A login's answer holds a token the scrubber cannot know yet, so no part of it may be quoted.
        var function = new EnswitchFunction(functionName, kind) { AnswerHoldsSecret = functionName is "user/login" or "user/switch" };
        return _transport.CallAsync(function, wire, RawCall.Reader, cancellationToken);
    }
}
