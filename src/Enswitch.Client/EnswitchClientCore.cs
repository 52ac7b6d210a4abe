using System.Text.Json;
using Enswitch.Client.Recording;
using Enswitch.Client.Transport;

namespace Enswitch.Client;

/// <summary>
/// The <see cref="IEnswitchClient"/> over one transport: the category clients and the raw call. Dependency
/// injection and <see cref="IEnswitchClientFactory"/> hand this out; it owns nothing to dispose, so the
/// container does not keep every resolved instance alive until it is disposed itself.
/// </summary>
internal sealed class EnswitchClientCore : IEnswitchClient
{
    private readonly EnswitchTransport _transport;

    public EnswitchClientCore(EnswitchTransport transport)
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
    public Task<JsonElement?> CallAsync(string functionName, IEnumerable<KeyValuePair<string, string>> parameters, OperationKind? kind = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        RawCall.CheckFunction(functionName);
        var wire = new EnswitchParameters();
        foreach (var (name, value) in parameters)
        {
            RawCall.CheckParameter(name, value);
            wire.Add(name, value);
        }

        // The catalogue knows the documented functions: their kind, versions, authentication and secrets.
        var catalogued = FunctionCatalogue.TryGet(functionName, out var known) ? known : null;
        var effective = RawCall.KindOf(functionName, kind, catalogued, wire.Items);
        VersionGate.CheckRaw(_transport.Pipeline.Options.ServerVersion, functionName, wire.Items, catalogued);
        foreach (var (name, value) in wire.Items)
        {
            if (catalogued?.SecretParameters.Contains(name) == true)
            {
                wire.MarkSecret(value);
            }
        }

        var function = new EnswitchFunction(functionName, effective)
        {
            // A login's answer holds a token the scrubber cannot know yet, so no part of it may be quoted.
            AnswerHoldsSecret = functionName is "user/login" or "user/switch",
            Anonymous = catalogued?.Authentication == FunctionAuthentication.None,
            DeletesIdempotently = catalogued is { AbsentMeansDone: true } && effective == OperationKind.IdempotentWrite,
        };
        return _transport.CallAsync(function, wire, RawCall.Reader, cancellationToken);
    }
}
