using System.Net.Http;
using System.Runtime.ExceptionServices;
#if NET
using System.Runtime.CompilerServices;
#endif
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
    private readonly PipelineSource? _source;

    // The transport bound to the source's newer pipeline, made on the first call after the options changed.
    private EnswitchTransport? _successor;

    /// <param name="httpClient">The client that sends; its own timeout should not be shorter than the SDK's.</param>
    /// <param name="pipeline">The shared configuration and resilience pipeline.</param>
    /// <param name="deferQuery">
    /// Whether the SDK's innermost handler is known to be in <paramref name="httpClient"/>'s chain, so that in
    /// GET mode the query holding the password is added there and no outer handler sees it.
    /// </param>
    public EnswitchTransport(HttpClient httpClient, EnswitchPipeline pipeline, bool deferQuery)
    {
        _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _pipeline = pipeline;
        _deferQuery = deferQuery;
    }

    /// <summary>
    /// Creates a transport whose calls follow <paramref name="source"/>: each call runs, from start to end, on the
    /// pipeline that was current when it started.
    /// </summary>
    public EnswitchTransport(HttpClient httpClient, PipelineSource source, bool deferQuery)
        : this(httpClient, source.Current, deferQuery) => _source = source;

    /// <summary>Gets the pipeline a call that starts now runs on.</summary>
    public EnswitchPipeline Pipeline => Current._pipeline;

    /// <summary>Gets this transport, or the one bound to the source's newer pipeline after the options changed.</summary>
    private EnswitchTransport Current
    {
        get
        {
            var pipeline = _source?.Current;
            if (pipeline is null || ReferenceEquals(pipeline, _pipeline))
            {
                return this;
            }

            var successor = Volatile.Read(ref _successor);
            if (successor is null || !ReferenceEquals(successor._pipeline, pipeline))
            {
                // A successor has no source of its own: it is bound to its pipeline, as every call must be.
                successor = new EnswitchTransport(_http, pipeline, _deferQuery);
                Volatile.Write(ref _successor, successor);
            }

            return successor;
        }
    }

    /// <summary>
    /// Calls <paramref name="function"/> with the configured authentication. In token mode a 401 on a call
    /// that carried a token means the token expired or was revoked (enswitch-api.md section 1.3): the SDK
    /// logs in once more and repeats the call once, which is safe because the server refused it.
    /// </summary>
    /// <param name="function">The function and what repeating it would do.</param>
    /// <param name="parameters">The parameters, checked and with their secrets marked.</param>
    /// <param name="reader">What turns the envelope into the result.</param>
    /// <param name="options">The call's own limits, or <see langword="null"/> for the client's; checked now, before anything is sent.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public Task<T> CallAsync<T>(EnswitchFunction function, EnswitchParameters parameters, ResponseReader<T> reader, EnswitchRequestOptions? options, CancellationToken cancellationToken)
    {
        if (_source is not null && Current is var current && !ReferenceEquals(current, this))
        {
            return current.CallAsync(function, parameters, reader, options, cancellationToken);
        }

        var limits = _pipeline.Limits.With(options);
        var server = _pipeline.Options.ServerVersion;
        if (_pipeline.Tokens is null && !function.Anonymous && !cancellationToken.IsCancellationRequested && (function.Since is not { } since || server is null || server >= since))
        {
            // The common case, a password call the server's version allows, is one async layer: the call itself.
            return SendAsync(function, parameters, _pipeline.Authentication, reader, limits, limits.TotalTimeout, cancellationToken);
        }

        return CallWithChecksAsync(function, parameters, reader, limits, cancellationToken);
    }

    private async Task<T> CallWithChecksAsync<T>(EnswitchFunction function, EnswitchParameters parameters, ResponseReader<T> reader, CallLimits limits, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (function.Since is { } since)
        {
            // Only functions newer than the JSON API need the check; the others skip building its message.
            VersionGate.Require(_pipeline.Options.ServerVersion, true, $"Function '{function.Name}'", since);
        }

        var budget = limits.TotalTimeout;
        if (function.Anonymous)
        {
            // The guide runs it without authentication: no password or token goes where none is needed.
            return await SendAsync(function, parameters, [], reader, limits, budget, cancellationToken).ConfigureAwait(false);
        }

        if (_pipeline.Tokens is not { } tokens)
        {
            return await SendAsync(function, parameters, _pipeline.Authentication, reader, limits, budget, cancellationToken).ConfigureAwait(false);
        }

        // The caller's TotalTimeout and token cover the whole operation, the wait for a shared login included.
        var started = _pipeline.TimeProvider.GetTimestamp();
        var (credentials, left) = await LoginAsync(tokens, function, limits, started, refused: null, cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendAsync(function, parameters, credentials, reader, limits, left, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException refused)
        {
            tokens.Invalidate(credentials);
            (credentials, left) = await LoginAsync(tokens, function, limits, started, refused, cancellationToken).ConfigureAwait(false);
            return await SendAsync(function, parameters, credentials, reader, limits, left, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits for a valid token within what is left of the operation's budget and returns it with the time
    /// then left for the call, always more than zero (Polly takes a timeout of zero or less as none at all).
    /// A call whose login failed or left it no time was not sent (or, after a 401, not repeated): it says so,
    /// with the login as the cause.
    /// </summary>
    /// <param name="tokens">The token source.</param>
    /// <param name="function">The function the caller called.</param>
    /// <param name="limits">The call's limits, whose total timeout covers the login too.</param>
    /// <param name="started">When the operation started, on the pipeline's clock.</param>
    /// <param name="refused">The call's own 401, when this is the login after it; <see langword="null"/> before the first send.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    private async ValueTask<(IReadOnlyList<KeyValuePair<string, string>> Credentials, TimeSpan Left)> LoginAsync(TokenSource tokens, EnswitchFunction function, CallLimits limits, long started, AuthenticationException? refused, CancellationToken cancellationToken)
    {
        try
        {
            var remaining = Remaining(limits, started);
            if (remaining > TimeSpan.Zero)
            {
                var credentials = await tokens.GetAsync(this, remaining, cancellationToken).ConfigureAwait(false);
                remaining = Remaining(limits, started);
                if (remaining > TimeSpan.Zero)
                {
                    return (credentials, remaining);
                }
            }

            throw new TimeoutException();
        }
        catch (EnswitchException login)
        {
            throw ErrorFactory.LoginFailed(function, login, refused);
        }
        catch (TimeoutException timeout)
        {
            throw ErrorFactory.LoginTimedOut(function, limits.TotalTimeout, refused, timeout);
        }
    }

    private TimeSpan Remaining(CallLimits limits, long started) => limits.TotalTimeout - _pipeline.TimeProvider.GetElapsedTime(started);

    /// <summary>
    /// Runs one call through the resilience pipeline with the given credentials: one span, one duration
    /// measurement and one outcome log event, however many attempts it takes. The call may take
    /// <c>budget</c> (more than zero, at most the total timeout of <paramref name="limits"/>).
    /// </summary>
    internal async Task<T> SendAsync<T>(EnswitchFunction function, EnswitchParameters parameters, IReadOnlyList<KeyValuePair<string, string>> credentials, ResponseReader<T> reader, CallLimits limits, TimeSpan budget, CancellationToken cancellationToken)
    {
        // Only the call and the context live across the await (the work around it is in Start, Succeeded and Failed),
        // so the state machine that waits for the server stays small.
        var call = Start(function, parameters, credentials, reader, limits, budget, cancellationToken);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        Outcome<(T Value, int Code)> outcome;
        try
        {
            // The outcome form: no exception is thrown inside the pipeline, and a failure is thrown once, here.
            outcome = await _pipeline.Resilience.ExecuteOutcomeAsync(
                static (_, call) => call.Transport.AttemptAsync(call),
                context,
                call).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (outcome.Exception is not { } exception)
        {
            Succeeded(call, outcome.Result.Code);
            return outcome.Result.Value;
        }

        var failure = Failed(call, exception);
        if (ReferenceEquals(failure, exception))
        {
            // Rethrown as it is, with the stack trace it had.
            ExceptionDispatchInfo.Capture(exception).Throw();
        }

        throw failure;
    }

    private CallState<T> Start<T>(EnswitchFunction function, EnswitchParameters parameters, IReadOnlyList<KeyValuePair<string, string>> credentials, ResponseReader<T> reader, CallLimits limits, TimeSpan budget, CancellationToken cancellationToken)
    {
        _pipeline.WarnIfInsecure();
        var payload = WirePayload.Create(_pipeline.Options.RequestMethod, credentials, parameters);
        var scrubber = parameters.Secrets.Count == 0 ? _pipeline.Errors.Scrubber : _pipeline.Errors.Scrubber.With(parameters.Secrets);
        var call = new CallState<T>(this, reader, function, payload, limits, _pipeline.TimeProvider.GetTimestamp(), budget, scrubber, cancellationToken);

        // The span starts first so that every log event of the call carries its trace id.
        _pipeline.Telemetry.Start(call);
        Log.CallStarting(_pipeline.Logger, function.Name, function.Kind);
        return call;
    }

    private void Succeeded(CallState call, int code)
    {
        if (_pipeline.Logger.IsEnabled(LogLevel.Debug))
        {
            Log.CallSucceeded(_pipeline.Logger, call.Function.Name, code, call.Attempts, ElapsedMs(call));
        }

        _pipeline.Telemetry.Succeeded(call, code);
    }

    /// <summary>
    /// Ends a failed call: one log event and the end of its span and duration, and the exception the caller gets, which is
    /// the attempt's own when it is already right.
    /// </summary>
    private Exception Failed(CallState call, Exception exception)
    {
        var telemetry = _pipeline.Telemetry;
        var cancellationToken = call.CallerToken;
        switch (exception)
        {
            case OperationCanceledException cancelled when cancellationToken.IsCancellationRequested:
                Log.CallCancelled(_pipeline.Logger, call.Function.Name, call.Attempts);
                if (cancelled.CancellationToken == cancellationToken)
                {
                    telemetry.Failed(call, cancelled);
                    return cancelled;
                }

                // The pipeline cancels through its own tokens; report the caller's token, as HttpClient does, so that
                // `catch (OperationCanceledException e) when (e.CancellationToken == token)` matches.
#if NET
                var reported = new TaskCanceledException(cancelled.Message, cancelled, cancellationToken);
#else
                // netstandard2.0 has no constructor that takes both; the token is what callers match on.
                var reported = new TaskCanceledException(Task.FromCanceled(cancellationToken));
#endif
                telemetry.Failed(call, reported);
                return reported;
            case EnswitchException failure:
                return Fail(call, failure);
            case TimeoutRejectedException timeout:
                // The total timeout ended the call between attempts (inside an attempt the attempt itself reports it);
                // whether anything may have reached the server is what every attempt so far showed.
                var failureClass = call.MaybeSent ? FailureClass.NoAnswer : FailureClass.NotSent;
                return Fail(call, _pipeline.Errors.Transport(call, failureClass, $"the call did not complete within the total timeout of {call.Limits.TotalTimeout.TotalSeconds:0.###} s", timeout));
            case BrokenCircuitException broken:
                return Fail(call, _pipeline.Errors.Transport(call, FailureClass.CircuitOpen, "the circuit breaker is open after repeated failures, so the call was not sent; try again later", broken));
            default:
                // Not the SDK's to type (a misconfigured handler chain, a bug), but still the end of the call.
                telemetry.Failed(call, exception);
                return exception;
        }
    }

    private EnswitchException Fail(CallState call, EnswitchException exception)
    {
        Log.CallFailed(_pipeline.Logger, call.Function.Name, exception.Failure, exception.Code, exception.HttpStatus, call.Attempts, ElapsedMs(call), exception.OutcomeUnknown);
        _pipeline.Telemetry.Failed(call, exception);
        return exception;
    }

    private long ElapsedMs(CallState call) => (long)_pipeline.TimeProvider.GetElapsedTime(call.StartTimestamp).TotalMilliseconds;

    /// <summary>
    /// Runs one attempt (send, bounded read, parse) and returns its result or its failure as an outcome, as the resilience
    /// strategy takes it: nothing is thrown across the pipeline. Only what the send needs lives across its await, so
    /// the state machine that waits for the server stays small.
    /// </summary>
#if NET
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<Outcome<(T Value, int Code)>> AttemptAsync<T>(CallState<T> call)
    {
        AttemptState attempt;
        HttpRequestMessage request;
        try
        {
            request = StartAttempt(call, out attempt);
        }
#pragma warning disable CA1031 // Every failure is the attempt's outcome; the strategy and SendAsync decide what it means.
        catch (Exception exception)
        {
            return Outcome.FromException<(T Value, int Code)>(exception);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, call.AttemptToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            request.Dispose();
            return Outcome.FromException<(T Value, int Code)>(SendFailed(call, attempt, exception));
        }
#pragma warning restore CA1031

        try
        {
            return await ReceiveAsync(call, attempt, response).ConfigureAwait(false);
        }
        finally
        {
            request.Dispose();
        }
    }

    private HttpRequestMessage StartAttempt(CallState call, out AttemptState attempt)
    {
        call.Attempts++;
        // Only an attempt that got no answer may have done the work unseen; one answered (503, 429) did not.
        call.EarlierAttemptUnanswered |= call.LastFailure is { Failure: FailureClass.NoAnswer };
        call.LastRetryAfter = null;
        attempt = new AttemptState(call.Function.Kind, _deferQuery ? call.Payload.Query : null, viaSdkHandler: _deferQuery) { Scrubber = call.Scrubber };
        return CreateRequest(call, attempt);
    }

    /// <summary>Returns the failure of a send: typed, unless it is not the SDK's to type (<see cref="IsAttemptFailure"/>).</summary>
    private Exception SendFailed(CallState call, AttemptState attempt, Exception exception)
    {
        if (!IsAttemptFailure(exception, call))
        {
            return exception;
        }

        // Whatever threw (the socket handler, or a timeout or retry handler the application added),
        // only the innermost handler's record can prove nothing left.
        var notSent = NotSentDetector.ProvesNotSent(exception, attempt);
        call.MaybeSent |= !notSent;
        return _pipeline.Errors.Transport(call, notSent ? FailureClass.NotSent : FailureClass.NoAnswer, DescribeSendFailure(call, exception, notSent, call.AttemptToken), exception);
    }

    /// <summary>Reads and checks the answer of an attempt that got one, and disposes it unless a pass-through took it.</summary>
#if NET
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<Outcome<(T Value, int Code)>> ReceiveAsync<T>(CallState<T> call, AttemptState attempt, HttpResponseMessage response)
    {
        try
        {
            call.MaybeSent = true;

            var owned = false;
            try
            {
#if !NET
                // Before .NET 5 a response may have no content at all (also without the SDK's innermost handler).
                response.Content ??= new ByteArrayContent([]);
#endif
                if (FollowedRedirectTo(call, attempt, response) is { } elsewhere)
                {
                    // The request, credentials included, went to the new address, which answered.
                    var advice = _deferQuery
                        ? "its answer was not used. Give the SDK a primary handler that does not follow redirects, and check BaseAddress"
                        : "its answer was not used. Use EnswitchClient.Create or AddEnswitchClient, or give the SDK an HttpClient whose handler has AllowAutoRedirect = false, and check BaseAddress";
                    throw _pipeline.Errors.Protocol(
                        call,
                        FailureClass.PermanentStatus,
                        $"the {(_deferQuery ? "primary handler" : "HttpClient")} given to the SDK followed a redirect to {call.Scrubber.Scrub(elsewhere, SecretScrubber.MaxSnippetLength)}, so the request and its credentials reached an address other than BaseAddress; " +
                        advice,
                        (int)response.StatusCode,
                        default);
                }

                if (attempt.DeferredQuery is not null && attempt.Sends == 0)
                {
                    throw new InvalidOperationException(
                        "The SDK's innermost HTTP handler did not run, so the credentials were not added to the request. " +
                        "Do not replace the Enswitch client's primary handler after AddEnswitchClient; configure it before, or use POST.");
                }

                // A bare file (wrap=none) is handed over as it streams; Enswitch still reports errors for such calls
                // as an envelope. The Content-Type decides; the first bytes only when it says nothing (BareFileSniffer).
                Stream? started = null;
                if (call.Reader.PassThrough is { } passThrough && IsSuccess((int)response.StatusCode))
                {
                    var verdict = BareFileSniffer.FromContentType(response.Content.Headers.ContentType);
                    var file = verdict == BareFileSniffer.Verdict.File;
                    if (verdict == BareFileSniffer.Verdict.Unknown)
                    {
                        var stream = await response.Content.ReadAsStreamAsync(call.AttemptToken).ConfigureAwait(false);
                        var prefix = await PrefixedStream.ReadPrefixAsync(stream, call.AttemptToken).ConfigureAwait(false);
                        started = new PrefixedStream(prefix, stream);
                        file = !BareFileSniffer.LooksLikeText(prefix, complete: prefix.Length < BareFileSniffer.PrefixLength);
                    }

                    if (file)
                    {
                        // Always the SDK's forward-only stream, which counts the bytes read in Position.
                        started ??= new PrefixedStream([], await response.Content.ReadAsStreamAsync(call.AttemptToken).ConfigureAwait(false));
                        var taken = passThrough(response, started);
                        owned = true;
                        return Outcome.FromResult((taken, (int)response.StatusCode));
                    }
                }

                return Outcome.FromResult(await ReadResponseAsync(call, response, call.Reader, started, call.AttemptToken).ConfigureAwait(false));
            }
            finally
            {
                if (!owned)
                {
                    response.Dispose();
                }
            }
        }
#pragma warning disable CA1031 // Every failure is the attempt's outcome.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return Outcome.FromException<(T Value, int Code)>(exception);
        }
    }

    /// <summary>
    /// Returns the host and path a followed redirect led to, or <see langword="null"/> when the response answers
    /// the function's own address. The redirect handler of .NET's HTTP stack points the request at each new
    /// address: in the SDK's own chain its innermost handler saw that before restoring the address; with an HttpClient
    /// the application made, the response's request tells where the answer came from.
    /// </summary>
    private string? FollowedRedirectTo(CallState call, AttemptState attempt, HttpResponseMessage response)
    {
        const UriComponents Address = UriComponents.SchemeAndServer | UriComponents.Path;
        if (attempt.RedirectedTo is { } redirected)
        {
            return redirected.IsAbsoluteUri ? redirected.GetComponents(Address, UriFormat.UriEscaped) : "a relative address";
        }

        // The SDK's own chain (which the deferred query marks) restores the request's address, so only its innermost
        // handler's record speaks there.
        if (_deferQuery || response.RequestMessage?.RequestUri is not { IsAbsoluteUri: true } answered)
        {
            return null;
        }

        var expected = _pipeline.UriFor(call.Function);
        return Uri.Compare(answered, expected, Address, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
            ? null
            : answered.GetComponents(Address, UriFormat.UriEscaped);
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
            request = new HttpRequestMessage(HttpMethod.Get, _deferQuery ? uri : new Uri(uri.AbsoluteUri + "?" + payload.Query));
            if (!_pipeline.LegacyHttpStack)
            {
                request.Content = new TrackingContent([], attempt, isForm: false);
            }
            else if (!_deferQuery)
            {
                // No body will ever start and no SDK handler sits above the socket to see the send begin, so
                // the request counts as under way from the first moment (the safe side for a create).
                attempt.BodyStarted = true;
            }
        }

        if (_pipeline.LegacyHttpStack && call.Function.Kind == OperationKind.NonIdempotent)
        {
            request.Headers.ConnectionClose = true;
        }

        AttemptState.Attach(request, attempt);
        request.Headers.TryAddWithoutValidation("User-Agent", _pipeline.UserAgent);
        return request;
    }

#if NET
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<(T Value, int Code)> ReadResponseAsync<T>(CallState call, HttpResponseMessage response, ResponseReader<T> reader, Stream? started, CancellationToken token)
    {
        var status = (int)response.StatusCode;
        call.LastRetryAfter = RetryAfterOf(response);
        if (status is >= 300 and < 400)
        {
            // Redirects are never followed: the credentials must not go to a second host (design.md section 5).
            throw _pipeline.Errors.Protocol(call, FailureClass.PermanentStatus, "the server answered with a redirect, which the SDK does not follow; check BaseAddress", status, default);
        }

        var maxBytes = reader.Download ? call.Limits.MaxDownloadBytes : call.Limits.MaxResponseBytes;
        ResponseBody body;
        try
        {
            body = await ResponseBody.ReadAsync(response.Content, maxBytes, token, started).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsAttemptFailure(exception, call))
        {
            var detail = token.IsCancellationRequested
                ? "the response body did not arrive within the timeout"
                : "the connection broke while the response body was being read";
            throw _pipeline.Errors.Transport(call, FailureClass.NoAnswer, detail, exception, status);
        }

        using (body)
        {
            var sequence = body.Sequence;
            var head = EnvelopeParser.Head(sequence, SecretScrubber.MaxSnippetLength * 4);
            if (body.TooLarge)
            {
                var limit = reader.Download ? "MaxDownloadBytes" : "MaxResponseBytes";
                throw _pipeline.Errors.Protocol(call, IsSuccess(status) ? FailureClass.InvalidResponse : StatusFailure(status), $"the response body is larger than {limit} ({maxBytes} bytes)", status, default);
            }

            EnswitchEnvelope envelope;
            try
            {
                envelope = EnvelopeParser.Parse(sequence);
            }
            catch (EnvelopeFormatException exception)
            {
                throw UnusableBody(call, status, head, exception);
            }

            // The envelope decides, whatever the HTTP status says (enswitch-api.md section 1.6).
            if (envelope.FirstFailure() is { } failure)
            {
                if (failure.Code == 404 && call.Function.DeletesIdempotently && call.EarlierAttemptUnanswered)
                {
                    // A retried delete that finds nothing after an attempt that got no answer: that attempt may have
                    // deleted it, and the state the caller asked for holds either way (README, "Deletes").
                    Log.RetriedDeleteFoundNothing(_pipeline.Logger, call.Function.Name, call.Attempts);
                    return (reader.ReadAnswer is { } answer ? answer(response, call.Scrubber, envelope) : default!, failure.Code);
                }

                if (failure.Code >= 400)
                {
                    throw _pipeline.Errors.Api(call, envelope, failure, status);
                }

                throw _pipeline.Errors.Protocol(call, FailureClass.InvalidResponse, $"the response code {failure.Code} is neither a success nor an error", status, head);
            }

            try
            {
                return (reader.ReadAnswer is { } answer ? answer(response, call.Scrubber, envelope) : reader.Read(envelope, body), envelope.Code);
            }
            catch (EnvelopeFormatException exception)
            {
                throw _pipeline.Errors.Protocol(call, FailureClass.InvalidResponse, exception.Message, status, head, exception, exception.MayHaveApplied);
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

    // Every failure is the SDK's to classify and type, except the caller's own cancellation and a call on a
    // disposed HttpClient (a disposed EnswitchClient from Create), which is a mistake in the app to surface as is.
    private static bool IsAttemptFailure(Exception exception, CallState call) =>
        exception is not EnswitchException &&
        !(exception is OperationCanceledException && call.CallerToken.IsCancellationRequested) &&
        !(exception is ObjectDisposedException { ObjectName: var name } && name == typeof(HttpClient).FullName);

    private string DescribeSendFailure(CallState call, Exception exception, bool notSent, CancellationToken token)
    {
        if (!token.IsCancellationRequested && exception is OperationCanceledException { InnerException: TimeoutException } && _http.Timeout != Timeout.InfiniteTimeSpan)
        {
            // Neither of the SDK's timeouts ended it: the HttpClient's own Timeout (100 s unless set) is shorter.
            return $"the HttpClient's own Timeout of {_http.Timeout.TotalSeconds:0.###} s ended the attempt before the SDK's timeouts (attempt {call.Limits.AttemptTimeout.TotalSeconds:0.###} s, total {call.Limits.TotalTimeout.TotalSeconds:0.###} s); " +
                "set HttpClient.Timeout to Timeout.InfiniteTimeSpan on the HttpClient given to the SDK, which applies its own";
        }

        if (token.IsCancellationRequested || exception is OperationCanceledException)
        {
            var limits = call.Limits;
            var login = call.Budget < limits.TotalTimeout ? $", {(limits.TotalTimeout - call.Budget).TotalSeconds:0.###} s of which went on waiting for the login" : string.Empty;
            return $"no answer within the timeout (attempt {limits.AttemptTimeout.TotalSeconds:0.###} s, total {limits.TotalTimeout.TotalSeconds:0.###} s{login})";
        }

        if (exception is DuplicateSendRefusedException)
        {
            return "an HTTP handler outside the SDK tried to send this call a second time, which the SDK refused";
        }

        var host = _pipeline.Options.BaseAddress!.Host;
        return notSent
            ? $"could not connect to {host}: {call.Scrubber.Scrub(exception.Message, SecretScrubber.MaxMessageLength)}"
            : $"the connection to {host} failed before a complete answer arrived: {call.Scrubber.Scrub(exception.Message, SecretScrubber.MaxMessageLength)}";
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
