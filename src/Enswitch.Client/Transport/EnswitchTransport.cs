using System.Net.Http;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Enswitch.Client.Transport;

/// <summary>
/// The one place that turns a call into HTTP and back: builds the request, runs it through the
/// resilience pipeline, reads the body within its cap, parses the envelope, maps errors. Category
/// clients never touch <see cref="HttpRequestMessage"/> or JSON.
/// </summary>
internal sealed class EnswitchTransport
{
    private readonly HttpClient _http;
    private readonly EnswitchPipeline _pipeline;
    private readonly bool _deferQuery;

    /// <param name="http">The client that sends; its own timeout should not be shorter than the SDK's.</param>
    /// <param name="pipeline">The shared configuration and resilience pipeline.</param>
    /// <param name="deferQuery">
    /// Whether the SDK's innermost handler is known to be in <paramref name="http"/>'s chain, so that in
    /// GET mode the query holding the password is added there and no outer handler sees it.
    /// </param>
    public EnswitchTransport(HttpClient http, EnswitchPipeline pipeline, bool deferQuery)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _pipeline = pipeline;
        _deferQuery = deferQuery;
    }

    public EnswitchPipeline Pipeline => _pipeline;

    /// <summary>
    /// Calls <paramref name="function"/> and returns what <paramref name="read"/> makes of a successful
    /// envelope; <paramref name="read"/> runs inside the attempt, so a data shape error is reported
    /// like any other unusable response.
    /// </summary>
    public async Task<T> CallAsync<T>(EnswitchFunction function, EnswitchParameters parameters, Func<EnswitchEnvelope, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var options = _pipeline.Options;
        _pipeline.WarnIfInsecure();
        var payload = WirePayload.Create(options.RequestMethod, _pipeline.Authentication, parameters);
        var call = new CallState(function, payload, _pipeline.TimeProvider.GetTimestamp(), cancellationToken);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallState.Key, call);
        Log.CallStarting(_pipeline.Logger, function.Name, function.Kind);
        try
        {
            var result = await _pipeline.Resilience.ExecuteAsync(
                static (ctx, state) => state.Transport.AttemptAsync(ctx, state.Call, state.Read),
                context,
                (Transport: this, Call: call, Read: read)).ConfigureAwait(false);
            if (_pipeline.Logger.IsEnabled(LogLevel.Debug))
            {
                Log.CallSucceeded(_pipeline.Logger, function.Name, result.Code, call.Attempts, ElapsedMs(call));
            }

            return result.Value;
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            Log.CallCancelled(_pipeline.Logger, function.Name, call.Attempts);
            if (exception.CancellationToken == cancellationToken)
            {
                throw;
            }

            // The pipeline cancels through its own linked tokens; report the caller's token, as HttpClient
            // does, so that `catch (OperationCanceledException e) when (e.CancellationToken == token)` matches.
            throw new TaskCanceledException(exception.Message, exception, cancellationToken);
        }
        catch (EnswitchException exception)
        {
            LogFailure(call, exception);
            throw;
        }
        catch (TimeoutRejectedException exception)
        {
            // The total timeout ended the call between attempts; report what the last attempt showed.
            var failure = call.LastFailure?.Failure ?? FailureClass.NoAnswer;
            var error = _pipeline.Errors.Transport(call, failure, $"the call did not complete within the total timeout of {options.TotalTimeout.TotalSeconds:0.###} s", exception);
            LogFailure(call, error);
            throw error;
        }
        catch (BrokenCircuitException exception)
        {
            var error = _pipeline.Errors.Transport(call, FailureClass.CircuitOpen, "the circuit breaker is open after repeated failures, so the call was not sent; try again later", exception);
            LogFailure(call, error);
            throw error;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private void LogFailure(CallState call, EnswitchException exception) =>
        Log.CallFailed(_pipeline.Logger, call.Function.Name, exception.Failure, exception.Code, exception.HttpStatus, call.Attempts, ElapsedMs(call), exception.OutcomeUnknown);

    private long ElapsedMs(CallState call) => (long)_pipeline.TimeProvider.GetElapsedTime(call.StartTimestamp).TotalMilliseconds;

    private async ValueTask<(T Value, int Code)> AttemptAsync<T>(ResilienceContext context, CallState call, Func<EnswitchEnvelope, T> read)
    {
        call.Attempts++;
        call.LastRetryAfter = null;
        var token = context.CancellationToken;
        var payload = call.Payload;
        var attempt = new AttemptState(call.Function.Kind, _deferQuery ? payload.Query : null) { Scrubber = _pipeline.Errors.Scrubber };
        using var request = CreateRequest(call, attempt);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsTransportFailure(exception) && !call.CallerToken.IsCancellationRequested)
        {
            var notSent = NotSentDetector.ProvesNotSent(exception, attempt);
            throw _pipeline.Errors.Transport(call, notSent ? FailureClass.NotSent : FailureClass.NoAnswer, DescribeSendFailure(exception, notSent, token), exception);
        }

        using (response)
        {
            if (attempt.DeferredQuery is not null && attempt.Sends == 0)
            {
                throw new InvalidOperationException(
                    "The SDK's innermost HTTP handler did not run, so the credentials were not added to the request. " +
                    "Do not replace the Enswitch client's primary handler after AddEnswitchClient; configure it before, or use POST.");
            }

            return await ReadResponseAsync(call, response, read, token).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage CreateRequest(CallState call, AttemptState attempt)
    {
        var uri = _pipeline.UriFor(call.Function);
        var payload = call.Payload;
        HttpRequestMessage request;
        if (payload.FormBody is { } body)
        {
            request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new TrackingContent(body, attempt, isForm: true) };
        }
        else
        {
            // Without the SDK's innermost handler the query must be on the URI itself; see the README on
            // GET mode and handlers outside the SDK.
            request = new HttpRequestMessage(HttpMethod.Get, _deferQuery ? uri : new Uri(uri.AbsoluteUri + "?" + payload.Query))
            {
                Content = new TrackingContent([], attempt, isForm: false),
            };
        }

        request.Options.Set(AttemptState.Key, attempt);
        return request;
    }

    private async ValueTask<(T Value, int Code)> ReadResponseAsync<T>(CallState call, HttpResponseMessage response, Func<EnswitchEnvelope, T> read, CancellationToken token)
    {
        var status = (int)response.StatusCode;
        call.LastRetryAfter = RetryAfterOf(response);
        if (status is >= 300 and < 400)
        {
            // Redirects are never followed: the credentials must not go to a second host (design.md section 5).
            throw _pipeline.Errors.Protocol(call, FailureClass.PermanentStatus, "the server answered with a redirect, which the SDK does not follow; check BaseAddress", status, default);
        }

        ResponseBodyReader body;
        try
        {
            body = await ResponseBodyReader.ReadAsync(response.Content, _pipeline.Options.MaxResponseBytes, token).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsTransportFailure(exception) && !call.CallerToken.IsCancellationRequested)
        {
            var detail = token.IsCancellationRequested
                ? "the response body did not arrive within the timeout"
                : "the connection broke while the response body was being read";
            var error = _pipeline.Errors.Transport(call, FailureClass.NoAnswer, detail, exception);
            error.SetHttpStatus(status);
            throw error;
        }

        using (body)
        {
            if (body.TooLarge)
            {
                throw _pipeline.Errors.Protocol(call, IsSuccess(status) ? FailureClass.InvalidResponse : StatusFailure(status), $"the response body is larger than MaxResponseBytes ({_pipeline.Options.MaxResponseBytes} bytes)", status, default);
            }

            EnswitchEnvelope envelope;
            try
            {
                envelope = EnvelopeParser.Parse(body.Body);
            }
            catch (EnvelopeFormatException exception)
            {
                throw UnusableBody(call, status, body.Body.Span, exception);
            }

            // The envelope decides, whatever the HTTP status says (enswitch-api.md section 1.6).
            if (envelope.FirstFailure() is { } failure)
            {
                if (failure.Code >= 400)
                {
                    throw _pipeline.Errors.Api(call, envelope, failure, status);
                }

                throw _pipeline.Errors.Protocol(call, FailureClass.InvalidResponse, $"the response code {failure.Code} is neither a success nor an error", status, body.Body.Span);
            }

            try
            {
                return (read(envelope), envelope.Code);
            }
            catch (EnvelopeFormatException exception)
            {
                var error = _pipeline.Errors.Protocol(call, FailureClass.InvalidResponse, exception.Message, status, body.Body.Span, exception);
                error.OutcomeUnknown |= exception.MayHaveApplied;
                throw error;
            }
        }
    }

    private EnswitchProtocolException UnusableBody(CallState call, int status, ReadOnlySpan<byte> body, EnvelopeFormatException exception)
    {
        if (!IsSuccess(status))
        {
            return _pipeline.Errors.Protocol(call, StatusFailure(status), $"the server answered HTTP {status} without an Enswitch envelope", status, body, exception);
        }

        // An HTML page on HTTP 200 comes from a proxy or a login portal, never from Enswitch.
        return EnvelopeParser.LooksLikeHtml(body)
            ? _pipeline.Errors.Protocol(call, FailureClass.TransientStatus, "the server answered with an HTML page instead of an Enswitch envelope", status, body, exception)
            : _pipeline.Errors.Protocol(call, FailureClass.InvalidResponse, exception.Message, status, body, exception);
    }

    private static bool IsSuccess(int status) => status is >= 200 and < 300;

    private static FailureClass StatusFailure(int status) =>
        status is 408 or 429 or 500 or 502 or 503 or 504 ? FailureClass.TransientStatus : FailureClass.PermanentStatus;

    private static bool IsTransportFailure(Exception exception) =>
        exception is HttpRequestException or OperationCanceledException or IOException;

    private string DescribeSendFailure(Exception exception, bool notSent, CancellationToken token)
    {
        if (token.IsCancellationRequested || exception is OperationCanceledException)
        {
            var options = _pipeline.Options;
            return $"no answer within the timeout (attempt {options.AttemptTimeout.TotalSeconds:0.###} s, total {options.TotalTimeout.TotalSeconds:0.###} s)";
        }

        if (exception is DuplicateSendRefusedException)
        {
            return "an HTTP handler outside the SDK tried to send this call a second time, which the SDK refused";
        }

        var host = _pipeline.Options.BaseAddress!.Host;
        return notSent
            ? $"could not connect to {host}: {_pipeline.Errors.Scrubber.Scrub(exception.Message, SecretScrubber.MaxMessageLength)}"
            : $"the connection to {host} failed before a complete answer arrived: {_pipeline.Errors.Scrubber.Scrub(exception.Message, SecretScrubber.MaxMessageLength)}";
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _pipeline.TimeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
