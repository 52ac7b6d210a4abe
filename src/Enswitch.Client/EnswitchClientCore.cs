using System.Text.Json;
using Enswitch.Client.Recording;
using Enswitch.Client.Transport;

namespace Enswitch.Client;

/// <summary>
/// The <see cref="IEnswitchClient"/> over one transport: the category clients and the raw call. Dependency
/// injection and <see cref="IEnswitchClientFactory"/> hand this out; it owns nothing to dispose, so the
/// container does not keep every resolved instance alive until it is disposed itself.
/// </summary>
internal sealed partial class EnswitchClientCore : IEnswitchClient
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
    public Task<JsonElement?> CallAsync(string functionName, IEnumerable<KeyValuePair<string, string>> parameters, OperationKind? kind = null, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Call(functionName, parameters, kind, RawCall.Reader, RawCall.ValidatedReader, options, cancellationToken);

    /// <inheritdoc/>
    public Task<EnswitchResponse> CallWithResponseAsync(string functionName, IEnumerable<KeyValuePair<string, string>> parameters, OperationKind? kind = null, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Call(functionName, parameters, kind, RawCall.AnswerReader, RawCall.ValidatedAnswerReader, options, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<JsonElement> ListAllAsync(string functionName, IEnumerable<KeyValuePair<string, string>> parameters, int pageSize = 100, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        RawCall.CheckFunction(functionName);
        if (!FunctionCatalogue.TryGet(functionName, out var catalogued) || !catalogued.DocumentedParameters.Contains("limit") || !catalogued.DocumentedParameters.Contains("offset"))
        {
            throw new ArgumentException($"'{functionName}' is not a catalogued list that takes limit and offset; call CallAsync and page with them yourself.", nameof(functionName));
        }

        var filters = new EnswitchParameters();
        long? offset = null;
        long? limit = null;
        foreach (var (name, value) in parameters)
        {
            RawCall.CheckParameter(name, value);
            switch (name)
            {
                case "offset":
                    offset = RawCall.WholeNumber(name, value);
                    break;
                case "limit":
                    limit = RawCall.WholeNumber(name, value);
                    break;
                default:
                    filters.Add(name, value);
                    break;
            }
        }

        return Paging.ListAllAsync(CataloguedCall.For(functionName), _transport, filters, offset, limit, pageSize, RawCall.RowsReader, options, cancellationToken);
    }

    private Task<T> Call<T>(string functionName, IEnumerable<KeyValuePair<string, string>> parameters, OperationKind? kind, ResponseReader<T> reader, ResponseReader<T> validatedReader, EnswitchRequestOptions? options, CancellationToken cancellationToken)
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
        CataloguedCall.Prepare(_transport, functionName, catalogued, wire);
        // A validate-only call succeeds only with 201: a server that ignored validation=1 may have done the work.
        return _transport.CallAsync(CataloguedCall.Describe(functionName, effective, catalogued), wire, effective == OperationKind.ValidateOnly ? validatedReader : reader, options, cancellationToken);
    }
}
