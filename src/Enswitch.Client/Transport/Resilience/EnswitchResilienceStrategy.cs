#if NET
using System.Runtime.CompilerServices;
#endif
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Enswitch.Client.Transport;

/// <summary>
/// The SDK's resilience, as one Polly strategy: the total timeout, the retries, the circuit breaker and the attempt
/// timeout, in that order from the outside in, with the behaviour the four built-in Polly strategies gave (their
/// exceptions included: <see cref="TimeoutRejectedException"/> when the total timeout ends the call between attempts,
/// <see cref="BrokenCircuitException"/> when the breaker refuses an attempt). One strategy instead of four because the
/// built-ins cost more than the SDK needs on every call: four nested async layers (each allocating when the call
/// suspends), two linked cancellation sources for the two timeouts, a property-bag lookup per decision, and a breaker
/// that takes a lock shared by every caller for every outcome. Here a call that succeeds at the first attempt takes one
/// pooled cancellation source, one lock-free breaker update, and (on .NET) a pooled async state machine.
/// </summary>
/// <remarks>
/// The call's <see cref="CallState"/> is the pipeline's state argument (no property bag), and each attempt's token is
/// handed to the attempt in <see cref="CallState.AttemptToken"/>: a custom Polly strategy cannot replace the context's token.
/// </remarks>
internal sealed class EnswitchResilienceStrategy : ResilienceStrategy
{
    private readonly EnswitchClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EnswitchTelemetry _telemetry;
    private readonly CircuitBreaker? _breaker;

    public EnswitchResilienceStrategy(EnswitchClientOptions options, TimeProvider time, ILogger logger, EnswitchTelemetry telemetry)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _telemetry = telemetry;
        _breaker = options.CircuitBreakerEnabled
            ? new CircuitBreaker(time, options.CircuitBreakerMinimumThroughput, options.CircuitBreakerSamplingDuration, options.CircuitBreakerBreakDuration)
            : null;
    }

    /// <inheritdoc/>
    protected override ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state) =>
        state is CallState call
            ? ExecuteAsync(callback, context, state, call)
            : throw new InvalidOperationException("The Enswitch resilience strategy runs only the SDK's own calls.");

#if NET
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<Outcome<TResult>> ExecuteAsync<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state,
        CallState call)
    {
        var callerToken = context.CancellationToken;
        var backoff = 0d;
        for (var retries = 0; ; retries++)
        {
            // The total timeout: the call's budget (less than TotalTimeout when a login in token mode took part of it).
            var left = call.Budget - _time.GetElapsedTime(call.StartTimestamp);
            if (left <= TimeSpan.Zero)
            {
                return Outcome.FromException<TResult>(new TimeoutRejectedException("The call did not complete within its total timeout.", call.Budget));
            }

            if (_breaker is { } breaker && !breaker.TryEnter())
            {
                return Outcome.FromException<TResult>(new BrokenCircuitException("The circuit is open."));
            }

            // The attempt timeout, cut short by what is left of the total timeout: one source for both.
            var endsTheCall = left <= _options.AttemptTimeout;
            var (outcome, timedOut) = await AttemptAsync(callback, context, state, call, endsTheCall ? left : _options.AttemptTimeout, callerToken).ConfigureAwait(false);
            var failure = outcome.Exception as EnswitchException;
            _breaker?.Record(failure is not null && RetryPolicy.CountsForCircuit(failure.Failure));
            if (outcome.Exception is null)
            {
                return outcome;
            }

            if (failure is null)
            {
                // What escaped the attempt untyped: the caller's cancellation, or a timeout the attempt did not report
                // itself, which the timeout strategies turned into their rejection.
                return timedOut && outcome.Exception is OperationCanceledException
                    ? Outcome.FromException<TResult>(new TimeoutRejectedException("The attempt did not complete within its timeout.", outcome.Exception))
                    : outcome;
            }

            call.LastFailure = failure;
            if (retries >= _options.MaxRetries
                || callerToken.IsCancellationRequested
                || (timedOut && endsTheCall)
                || !RetryPolicy.ShouldRetry(call.Function.Kind, failure.Failure)
                || failure.RetryAfter is not null)
            {
                // The error factory set RetryAfter when the server's Retry-After does not fit in what is left of the
                // budget (faults.md H5): then the call fails now and tells the caller how long to wait.
                return outcome;
            }

            var delay = call.LastRetryAfter ?? RetryBackoff.Delay(retries, _options.RetryDelay, _options.AttemptTimeout, ref backoff);
            Log.Retrying(_logger, call.Function.Name, call.Attempts, failure.Failure, failure.HttpStatus, (long)delay.TotalMilliseconds);
            _telemetry.Retrying(call, failure, delay);
            if (delay <= TimeSpan.Zero)
            {
                continue;
            }

            left = call.Budget - _time.GetElapsedTime(call.StartTimestamp);
            try
            {
                // A delay that outlasts the budget ends the call when the budget does.
                await DelayAsync(delay < left ? delay : left, callerToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException cancelled)
            {
                return Outcome.FromException<TResult>(cancelled);
            }
        }
    }

#if NET
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<(Outcome<TResult> Outcome, bool TimedOut)> AttemptAsync<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state,
        CallState call,
        TimeSpan timeout,
        CancellationToken callerToken)
    {
        var source = CancellationSources.Rent(_time, timeout);
        var registration = callerToken.CanBeCanceled
#if NET
            ? callerToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source)
#else
            ? callerToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), source)
#endif
            : default;
        call.AttemptToken = source.Token;
        Outcome<TResult> outcome;
        try
        {
            outcome = await callback(context, state).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Every exception becomes the attempt's outcome, as in Polly's own strategies.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            outcome = Outcome.FromException<TResult>(exception);
        }
        finally
        {
            // Disposing the registration waits for a cancellation that is running, so the source is idle when it goes back.
            registration.Dispose();
            call.AttemptToken = callerToken;
        }

        var timedOut = source.IsCancellationRequested && !callerToken.IsCancellationRequested;
        CancellationSources.Return(_time, source);
        return (outcome, timedOut);
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
        Task.Delay(delay, _time, cancellationToken);
#else
        _time.Delay(delay, cancellationToken);
#endif
}
