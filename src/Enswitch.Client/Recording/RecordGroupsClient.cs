using Enswitch.Client.Transport;
using Microsoft.Extensions.Logging;

namespace Enswitch.Client.Recording;

/// <summary>
/// The default <see cref="IRecordGroupsClient"/>: calls the <c>recording/groups/*</c> functions through
/// the SDK's transport (authentication, retries, error mapping, redaction).
/// </summary>
/// <remarks>
/// With dependency injection, resolve <see cref="IRecordGroupsClient"/> after
/// <c>services.AddEnswitchClient(...)</c>. Without it, construct one from an <see cref="HttpClient"/>;
/// keep the instance for the life of the application so its circuit breaker sees every call.
/// </remarks>
public sealed class RecordGroupsClient : IRecordGroupsClient
{
    private static readonly EnswitchFunction Create = new("recording/groups/create", OperationKind.NonIdempotent);
    private static readonly EnswitchFunction ValidateCreate = new("recording/groups/create", OperationKind.ValidateOnly);
    private static readonly EnswitchFunction Update = new("recording/groups/update", OperationKind.IdempotentWrite);
    private static readonly EnswitchFunction ValidateUpdate = new("recording/groups/update", OperationKind.ValidateOnly);

    private readonly EnswitchTransport _transport;

    /// <summary>
    /// Initializes a new instance of the <see cref="RecordGroupsClient"/> class for use without
    /// dependency injection.
    /// </summary>
    /// <param name="httpClient">
    /// The client that sends the requests. It should not follow redirects; the SDK refuses to act on one.
    /// </param>
    /// <param name="options">The options, validated now; a copy is taken.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public RecordGroupsClient(HttpClient httpClient, EnswitchClientOptions options)
        : this(httpClient, options, null)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="RecordGroupsClient"/> class for use without
    /// dependency injection, with a logger.
    /// </summary>
    /// <param name="httpClient">The client that sends the requests.</param>
    /// <param name="options">The options, validated now; a copy is taken.</param>
    /// <param name="logger">The logger for the SDK's events, or <see langword="null"/> for none.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public RecordGroupsClient(HttpClient httpClient, EnswitchClientOptions options, ILogger? logger)
        : this(new EnswitchTransport(httpClient, new EnswitchPipeline(options, logger, null), deferQuery: false))
    {
    }

    internal RecordGroupsClient(EnswitchTransport transport) => _transport = transport;

    private static ResponseReader<CreateRecordGroupResult> CreatedReader { get; } =
        ResponseReader<CreateRecordGroupResult>.Envelope(static envelope => new CreateRecordGroupResult(DataReader.ReadCreatedId(envelope)));

    /// <inheritdoc/>
    public Task<CreateRecordGroupResult> CreateAsync(CreateRecordGroupRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.ToParameters(validationOnly: false, _transport.Pipeline.Options.ServerVersion);
        return _transport.CallAsync(Create, parameters, CreatedReader, options, cancellationToken);
    }

    /// <inheritdoc/>
    public Task ValidateCreateAsync(CreateRecordGroupRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.ToParameters(validationOnly: true, _transport.Pipeline.Options.ServerVersion);
        return _transport.CallAsync(ValidateCreate, parameters, Envelopes.ValidatedReader, options, cancellationToken);
    }

    /// <inheritdoc/>
    public Task UpdateAsync(UpdateRecordGroupRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.ToParameters(validationOnly: false, _transport.Pipeline.Options.ServerVersion);
        return _transport.CallAsync(Update, parameters, Envelopes.CompletedReader, options, cancellationToken);
    }

    /// <inheritdoc/>
    public Task ValidateUpdateAsync(UpdateRecordGroupRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.ToParameters(validationOnly: true, _transport.Pipeline.Options.ServerVersion);
        return _transport.CallAsync(ValidateUpdate, parameters, Envelopes.ValidatedReader, options, cancellationToken);
    }
}
