using System.Net.Http;

namespace Enswitch.Client.Transport;

/// <summary>
/// The innermost handler, just above the socket handler: it refuses to send the same non-idempotent
/// attempt twice (so an app-wide retry handler cannot duplicate a create), adds the deferred GET query
/// that outer handlers and loggers must never see, records whether a failure proves nothing was sent, and
/// records a redirect that the handler below followed, which the transport then refuses.
/// </summary>
internal sealed class EnswitchPrimaryHandler : DelegatingHandler
{
    public EnswitchPrimaryHandler(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
    }

    /// <summary>
    /// Creates the socket handler the SDK sends through unless the application configures another: redirects
    /// off (a 307 would replay the password to a second host), a bounded connect and a connection lifetime
    /// that picks up DNS changes.
    /// </summary>
#if NET
    public static SocketsHttpHandler CreateSocketHandler() =>
        new()
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };

    /// <summary>Creates the socket handler of a client that keeps it for its whole life (<c>EnswitchClient.Create</c>).</summary>
    public static HttpMessageHandler CreateLongLivedSocketHandler() => CreateSocketHandler();
#else
    public static HttpClientHandler CreateSocketHandler() =>
        // netstandard2.0 cannot name SocketsHttpHandler: with dependency injection the factory's handler rotation
        // (every two minutes) picks up DNS changes instead of a connection lifetime, and the SDK's attempt timeout
        // bounds a slow connect.
        new() { AllowAutoRedirect = false };

    /// <summary>
    /// Creates the socket handler of a client that keeps it for its whole life (<c>EnswitchClient.Create</c>), where no
    /// factory rotates handlers: on .NET Core and .NET the runtime's SocketsHttpHandler, found by name, with a
    /// connection lifetime that picks up DNS changes; elsewhere (.NET Framework) an HttpClientHandler, whose
    /// connections follow <c>ServicePointManager</c>'s settings.
    /// </summary>
    public static HttpMessageHandler CreateLongLivedSocketHandler()
    {
        var type = Type.GetType("System.Net.Http.SocketsHttpHandler, System.Net.Http", throwOnError: false);
        if (type is null || Activator.CreateInstance(type) is not HttpMessageHandler handler)
        {
            return CreateSocketHandler();
        }

        Set(type, handler, "AllowAutoRedirect", false);
        Set(type, handler, "PooledConnectionLifetime", TimeSpan.FromMinutes(5));
        Set(type, handler, "ConnectTimeout", TimeSpan.FromSeconds(15));
        return handler;
    }

    private static void Set(Type type, object handler, string name, object value)
    {
        var property = type.GetProperty(name, value.GetType());
        if (property is { CanWrite: true })
        {
            property.SetValue(handler, value);
        }
    }
#endif

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        AttemptState.TryGet(request, out var state) ? SendAttemptAsync(request, state, cancellationToken) : base.SendAsync(request, cancellationToken);

    // Only the request, the state and the two addresses live across the await, so the state machine that waits for the
    // server stays small.
    private async Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, AttemptState state, CancellationToken cancellationToken)
    {
        var original = Prepare(request, state);
        var prepared = request.RequestUri;
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (request.RequestUri != prepared)
            {
                // The handler below followed a redirect (.NET's redirect handler points the request at each new address).
                // Recorded before the finally below restores the address, which would erase the evidence; the transport
                // refuses the answer.
                state.RedirectedTo = request.RequestUri;
            }

#if !NET
            // Before .NET 5 a response may have no content at all; the SDK reads and masks it as empty.
            response.Content ??= new ByteArrayContent([]);
#endif
            state.Scrubber?.MaskHeaders(response);
            return response;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            // Decided here, on the socket handler's own exception, before an outer handler can wrap
            // or replace it.
            state.ProvenNotSent = NotSentDetector.ProvesNotSent(exception, state);
            throw;
        }
        finally
        {
            // Outer handlers that read the URI after the response (telemetry, loggers) see it without
            // the credentials.
            request.RequestUri = original;
        }
    }

    /// <summary>Refuses a second send of a non-idempotent attempt, and adds the deferred query; returns the address to restore.</summary>
    private static Uri? Prepare(HttpRequestMessage request, AttemptState state)
    {
        if (!state.TryBeginSend() && state.Kind == OperationKind.NonIdempotent)
        {
            throw new DuplicateSendRefusedException();
        }

        if (request.Content is null)
        {
            // A body-less request (GET on an HttpWebRequest-based stack) has no body to show it started:
            // it is under way from here.
            state.BodyStarted = true;
        }

        var original = request.RequestUri;
        if (state.DeferredQuery is { } query && original is not null)
        {
            request.RequestUri = new Uri(original.AbsoluteUri + "?" + query);
        }

        return original;
    }
}
