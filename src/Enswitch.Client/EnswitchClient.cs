using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Enswitch.Client.DependencyInjection;
using Enswitch.Client.Recording;
using Enswitch.Client.Transport;
using Microsoft.Extensions.Logging;

namespace Enswitch.Client;

/// <summary>
/// The default <see cref="IEnswitchClient"/>. With dependency injection, resolve <see cref="IEnswitchClient"/>
/// after <c>services.AddEnswitchClient(...)</c>; without it, call <see cref="Create(EnswitchClientOptions, ILogger?, TimeProvider?)"/> once and keep the client
/// for the life of the application, so that its circuit breaker, token and connections serve every call.
/// </summary>
public sealed partial class EnswitchClient : IEnswitchClient, IDisposable
{
    private readonly EnswitchClientCore _core;
    private readonly HttpClient? _owned;

    /// <summary>
    /// Initializes a new instance of the <see cref="EnswitchClient"/> class for use without dependency injection,
    /// on an <see cref="HttpClient"/> the application made. Prefer <see cref="Create(EnswitchClientOptions, ILogger?, TimeProvider?)"/>: only the handler chain it
    /// builds has the SDK's guard against a second send of a create, masks secrets in response headers before
    /// other handlers see them, and keeps the GET query from them. If <paramref name="httpClient"/> follows a
    /// redirect, the call fails with an <see cref="EnswitchProtocolException"/> (outcome unknown for a create).
    /// </summary>
    /// <param name="httpClient">The client that sends the requests; it must not follow redirects.</param>
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

    private EnswitchClient(EnswitchTransport transport, HttpClient? owned = null)
    {
        _core = new EnswitchClientCore(transport);
        _owned = owned;
    }

    /// <inheritdoc/>
    public IRecordGroupsClient RecordGroups => _core.RecordGroups;

    /// <inheritdoc/>
    public IRecordingsClient Recordings => _core.Recordings;

    /// <summary>
    /// Creates a client for use without dependency injection, with the same handler chain that
    /// <c>AddEnswitchClient</c> builds: redirects never followed, the guard that refuses to send a create twice,
    /// secrets masked in response headers, and the GET query added where no other handler sees it. Create it
    /// once and keep it for the life of the application; dispose it to close its connections.
    /// </summary>
    /// <param name="options">The options, validated now; a copy is taken.</param>
    /// <param name="logger">The logger for the SDK's events, or <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock for timeouts, backoff and token expiry, or <see langword="null"/> for the system clock.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    [SuppressMessage(
        "ApiDesign",
        "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "See the overload that takes a primary handler.")]
    public static EnswitchClient Create(EnswitchClientOptions options, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        var pipeline = new EnswitchPipeline(options, logger, timeProvider);
        return Create(pipeline, new EnswitchPrimaryHandler(EnswitchPrimaryHandler.CreateLongLivedSocketHandler()));
    }

    private static EnswitchClient Create(EnswitchPipeline pipeline, HttpMessageHandler handler)
    {
        var http = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return new EnswitchClient(new EnswitchTransport(http, pipeline, deferQuery: true), http);
    }

    /// <summary>
    /// Creates a client for use without dependency injection that sends through <paramref name="primaryHandler"/> instead of
    /// a socket handler of its own: an in-memory test server (<c>EnswitchEmulator.CreateHandler()</c> from
    /// Enswitch.Client.Testing), or a socket handler with a proxy or a client certificate. The rest of the handler chain is
    /// the one <see cref="Create(EnswitchClientOptions, ILogger?, TimeProvider?)"/> builds. The SDK's guard goes directly
    /// above the handler that sends: <paramref name="primaryHandler"/> itself, or, when it is a chain of
    /// <see cref="DelegatingHandler"/>s, the last <see cref="DelegatingHandler.InnerHandler"/> of that chain, with the
    /// chain's own handlers above the guard. So no handler of yours sits between the guard and the socket: when a retrying
    /// handler of the chain sends a create's attempt a second time, the guard refuses it and the call ends with
    /// <see cref="EnswitchTransportException"/> and <c>OutcomeUnknown = true</c>; and secrets are masked before your
    /// handlers see the response. The handler that sends has its redirects turned off when it is a
    /// <c>SocketsHttpHandler</c> or <see cref="HttpClientHandler"/>; if any handler below the guard follows a redirect
    /// all the same, the call fails with <see cref="EnswitchProtocolException"/> and the answer is not used. A handler that
    /// wraps another in some other way than <see cref="DelegatingHandler.InnerHandler"/> counts as the handler that sends,
    /// so it must neither retry nor follow redirects. A <c>SocketsHttpHandler</c> of yours keeps its own settings: it does
    /// not get the connect timeout (15 seconds) and connection lifetime (5 minutes) of the SDK's own socket handler, so set
    /// <c>ConnectTimeout</c> and <c>PooledConnectionLifetime</c> yourself. Create it once and keep it for the life of the
    /// application.
    /// </summary>
    /// <param name="options">The options, validated now; a copy is taken.</param>
    /// <param name="primaryHandler">
    /// The handler that sends the requests, or the outermost handler of a chain that ends with it. The client owns it from
    /// now on, and disposes it when it is disposed or when this method throws, so give each client a handler of its own.
    /// </param>
    /// <param name="logger">The logger for the SDK's events, or <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock for timeouts, backoff and token expiry, or <see langword="null"/> for the system clock.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="primaryHandler"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="primaryHandler"/> is a chain of <see cref="DelegatingHandler"/>s that does not end with a handler that sends
    /// (an <see cref="DelegatingHandler.InnerHandler"/> is missing), or that loops.
    /// </exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">
    /// <paramref name="primaryHandler"/> has already sent requests, so that its redirects can no longer be turned off or the
    /// guard can no longer be put into its chain.
    /// </exception>
    /// <example>
    /// <code>
    /// await using var emulator = await EnswitchEmulator.StartInMemoryAsync();
    /// using var enswitch = EnswitchClient.Create(
    ///     new EnswitchClientOptions
    ///     {
    ///         BaseAddress = emulator.BaseAddress,
    ///         Username = EnswitchEmulator.DefaultUsername,
    ///         Password = EnswitchEmulator.DefaultPassword,
    ///     },
    ///     emulator.CreateHandler());
    /// </code>
    /// </example>
    [SuppressMessage(
        "ApiDesign",
        "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "Both overloads take the same optional logger and clock after parameters of different types (ILogger, HttpMessageHandler); only a bare null second argument is ambiguous, and a compile error says so.")]
    public static EnswitchClient Create(EnswitchClientOptions options, HttpMessageHandler primaryHandler, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(primaryHandler);
        try
        {
            var pipeline = new EnswitchPipeline(options, logger, timeProvider);
            return Create(pipeline, EnswitchHandlerFilter.Guard(primaryHandler, nameof(primaryHandler)));
        }
        catch
        {
            // The client owns the handler from the call on, so a call that fails leaves nothing to the caller to close.
            primaryHandler.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Closes the connections of a client made by <see cref="Create(EnswitchClientOptions, ILogger?, TimeProvider?)"/> and
    /// disposes the handler given to <see cref="Create(EnswitchClientOptions, HttpMessageHandler, ILogger?, TimeProvider?)"/>.
    /// A client constructed on the application's <see cref="HttpClient"/> leaves that client alone.
    /// </summary>
    public void Dispose() => _owned?.Dispose();

    /// <inheritdoc/>
    public Task<JsonElement?> CallAsync(string functionName, IEnumerable<KeyValuePair<string, string>> parameters, OperationKind? kind = null, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _core.CallAsync(functionName, parameters, kind, options, cancellationToken);

    /// <inheritdoc/>
    public Task<EnswitchResponse> CallWithResponseAsync(string functionName, IEnumerable<KeyValuePair<string, string>> parameters, OperationKind? kind = null, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _core.CallWithResponseAsync(functionName, parameters, kind, options, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<JsonElement> ListAllAsync(string functionName, IEnumerable<KeyValuePair<string, string>> parameters, int pageSize = 100, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _core.ListAllAsync(functionName, parameters, pageSize, options, cancellationToken);
}
