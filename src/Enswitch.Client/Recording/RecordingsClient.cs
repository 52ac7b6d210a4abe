using System.Text.Json;
using Enswitch.Client.Transport;
using Microsoft.Extensions.Logging;

namespace Enswitch.Client.Recording;

/// <summary>
/// The default <see cref="IRecordingsClient"/>: calls the <c>recording/recordings/*</c> functions through the
/// SDK's transport (authentication, retries, error mapping, redaction).
/// </summary>
public sealed class RecordingsClient : IRecordingsClient
{
    private static readonly EnswitchFunction List = new("recording/recordings/list", OperationKind.Read);
    private static readonly EnswitchFunction Get = new("recording/recordings/get", OperationKind.Read);
    private static readonly EnswitchFunction Copy = new("recording/recordings/copy", OperationKind.IdempotentWrite);
    private static readonly EnswitchFunction Update = new("recording/recordings/update", OperationKind.IdempotentWrite);
    private static readonly EnswitchFunction ValidateUpdate = new("recording/recordings/update", OperationKind.ValidateOnly);
    private static readonly EnswitchFunction Start = new("recording/recordings/start", OperationKind.NonIdempotent, VersionGate.RecordingsStart);

    private readonly EnswitchTransport _transport;

    /// <summary>Initializes a new instance of the <see cref="RecordingsClient"/> class for use without dependency injection.</summary>
    /// <param name="httpClient">The client that sends the requests; it should not follow redirects.</param>
    /// <param name="options">The options, validated now; a copy is taken.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public RecordingsClient(HttpClient httpClient, EnswitchClientOptions options)
        : this(httpClient, options, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RecordingsClient"/> class for use without dependency injection, with a logger.</summary>
    /// <param name="httpClient">The client that sends the requests; it should not follow redirects.</param>
    /// <param name="options">The options, validated now; a copy is taken.</param>
    /// <param name="logger">The logger for the SDK's events, or <see langword="null"/> for none.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public RecordingsClient(HttpClient httpClient, EnswitchClientOptions options, ILogger? logger)
        : this(new EnswitchTransport(httpClient, new EnswitchPipeline(options, logger, null), deferQuery: false))
    {
    }

    internal RecordingsClient(EnswitchTransport transport) => _transport = transport;

    /// <inheritdoc/>
    public Task<IReadOnlyList<RecordingInfo>> ListAsync(ListRecordingsRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _transport.CallAsync(List, request.ToParameters(), ListReader, options, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<RecordingDownload> GetAsync(GetRecordingRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.ToParameters(_transport.Pipeline.Options.ServerVersion);
        var reader = request.Wrap == RecordingWrap.None ? BareFileReader : WrappedReader;
        return _transport.CallAsync(Get, parameters, reader, options, cancellationToken);
    }

    /// <inheritdoc/>
    public Task CopyAsync(CopyRecordingRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _transport.CallAsync(Copy, request.ToParameters(), Envelopes.CompletedReader, options, cancellationToken);
    }

    /// <inheritdoc/>
    public Task UpdateAsync(UpdateRecordingRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _transport.CallAsync(Update, request.ToParameters(validationOnly: false), Envelopes.CompletedReader, options, cancellationToken);
    }

    /// <inheritdoc/>
    public Task ValidateUpdateAsync(UpdateRecordingRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _transport.CallAsync(ValidateUpdate, request.ToParameters(validationOnly: true), Envelopes.ValidatedReader, options, cancellationToken);
    }

    /// <inheritdoc/>
    public Task StartAsync(StartRecordingRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _transport.CallAsync(Start, request.ToParameters(), Envelopes.CompletedReader, options, cancellationToken);
    }

    private static ResponseReader<IReadOnlyList<RecordingInfo>> ListReader { get; } = ResponseReader<IReadOnlyList<RecordingInfo>>.Envelope(RecordingRows.ReadList);

    private static ResponseReader<RecordingDownload> WrappedReader { get; } = new(ReadWrapped, download: true);

    private static ResponseReader<RecordingDownload> BareFileReader { get; } = new(WrapIgnored, download: true, passThrough: Bare);

    private static RecordingDownload Bare(HttpResponseMessage response, Stream content) =>
        new(content, response.Content.Headers.ContentType?.MediaType, null, null, response);

    // A server older than 3.15 does not know wrap=none and answers with the recording inside JSON, raw-encoded.
    private static RecordingDownload WrapIgnored(EnswitchEnvelope envelope, ResponseBody body) =>
        throw new EnvelopeFormatException("the server answered with the recording inside a JSON envelope instead of the bare file; it may be older than Enswitch 3.15, which added wrap=none. Use RecordingWrap.Json");

    private static RecordingDownload ReadWrapped(EnswitchEnvelope envelope, ResponseBody body)
    {
        if (envelope.Data is not { } data)
        {
            throw new EnvelopeFormatException("The response has no 'data' with the recording.");
        }

        var reader = new Utf8JsonReader(data);
        reader.Read();
        var row = RecordingRows.ReadRow(ref reader, data, out var audio);
        if (!audio.Found)
        {
            throw new EnvelopeFormatException("The recording has no 'data' field with the audio.");
        }

        var sha1 = row.AdditionalFields.TryGetValue("sha1", out var hash) && hash.ValueKind == JsonValueKind.String ? hash.GetString() : null;

        // The stream decodes from the body where it lies; the download owns the body from here on.
        var owner = body.Detach();
        return new RecordingDownload(new Base64SequenceStream(audio.Base64, Get.Name), row.MimeType, row, sha1, owner);
    }
}
