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
        // Only these live across the awaits (the work between them is in Begin and End), so the state machine that
        // waits for the server stays small.
        var retries = new Retries();
        while (true)
        {
            if (!Begin(call, out var timer, out var refusal))
            {
                return Outcome.FromException<TResult>(refusal!);
            }

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

            var ending = End(call, ref timer, ref retries, outcome.Exception, out var delay);
            if (delay is not { } wait)
            {
                return ReferenceEquals(ending, outcome.Exception) ? outcome : Outcome.FromException<TResult>(ending!);
            }

            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await DelayAsync(wait, context.CancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException cancelled)
                {
                    return Outcome.FromException<TResult>(cancelled);
                }
            }
        }
    }

    /// <summary>
    /// Starts an attempt: refuses it when the total timeout is spent or the circuit is open; otherwise arms one
    /// cancellation source with the attempt timeout, cut short by what is left of the total timeout, and linked to the
    /// caller's token, and hands its token to the attempt.
    /// </summary>
    private bool Begin(CallState call, out AttemptTimer timer, out Exception? refusal)
    {
        var callerToken = call.CallerToken;
        timer = default;
        // The total timeout: the call's budget (less than TotalTimeout when a login in token mode took part of it).
        var left = call.Budget - _time.GetElapsedTime(call.StartTimestamp);
        if (left <= TimeSpan.Zero)
        {
            refusal = new TimeoutRejectedException("The call did not complete within its total timeout.", call.Budget);
            return false;
        }

        if (_breaker is { } breaker && !breaker.TryEnter())
        {
            refusal = breaker.LastFailure is { } cause
                ? new BrokenCircuitException("The circuit is now open and is not allowing calls.", cause)
                : new BrokenCircuitException("The circuit is now open and is not allowing calls.");
            return false;
        }

        refusal = null;
        var attemptTimeout = call.Limits.AttemptTimeout;
        timer.EndsTheCall = left <= attemptTimeout;
        timer.Source = CancellationSources.Rent(_time, timer.EndsTheCall ? left : attemptTimeout);
        timer.Registration = callerToken.CanBeCanceled
#if NET
            ? callerToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), timer.Source)
#else
            ? callerToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), timer.Source)
#endif
            : default;
        call.AttemptToken = timer.Source.Token;
        return true;
    }

    /// <summary>
    /// Ends an attempt: disarms its timer, tells the breaker, and decides. Returns the exception the call ends with (the
    /// attempt's own, or a timeout rejection in its place), with <paramref name="delay"/> <see langword="null"/>; or, when
    /// the call is to be tried again, the wait before the next attempt in <paramref name="delay"/>.
    /// </summary>
    private Exception? End(CallState call, ref AttemptTimer timer, ref Retries retries, Exception? exception, out TimeSpan? delay)
    {
        var callerToken = call.CallerToken;
        delay = null;
        // Disposing the registration waits for a cancellation that is running, so the source is idle when it goes back.
        timer.Registration.Dispose();
        call.AttemptToken = callerToken;
        var timedOut = timer.Source!.IsCancellationRequested && !callerToken.IsCancellationRequested;
        CancellationSources.Return(_time, timer.Source);
        timer.Source = null;

        var failure = exception as EnswitchException;
        _breaker?.Record(failure is not null && RetryPolicy.CountsForCircuit(failure.Failure) ? failure : null);
        if (exception is null)
        {
            return null;
        }

        if (failure is null)
        {
            // What escaped the attempt untyped: the caller's cancellation, or a timeout the attempt did not report
            // itself, which the timeout strategies turned into their rejection.
            return timedOut && exception is OperationCanceledException
                ? new TimeoutRejectedException("The attempt did not complete within its timeout.", exception)
                : exception;
        }

        call.LastFailure = failure;
        if (retries.Count >= call.Limits.MaxRetries
            || callerToken.IsCancellationRequested
            || (timedOut && timer.EndsTheCall)
            || !RetryPolicy.ShouldRetry(call.Function.Kind, failure.Failure)
            || failure.RetryAfter is not null)
        {
            // The error factory set RetryAfter when the server's Retry-After does not fit in what is left of the
            // budget (faults.md H5): then the call fails now and tells the caller how long to wait.
            return exception;
        }

        // The backoff runs on every retry (its running value advances, as in Polly), and the server's Retry-After replaces it.
        var backoff = RetryBackoff.Delay(retries.Count, _options.RetryDelay, call.Limits.AttemptTimeout, ref retries.Backoff);
        var wait = call.LastRetryAfter ?? backoff;
        retries.Count++;
        Log.Retrying(_logger, call.Function.Name, call.Attempts, failure.Failure, failure.HttpStatus, (long)wait.TotalMilliseconds);
        _telemetry.Retrying(call, failure, wait);

        // A delay that outlasts the budget ends the call when the budget does: the next Begin refuses the attempt.
        var left = call.Budget - _time.GetElapsedTime(call.StartTimestamp);
        delay = wait < left ? wait : (left > TimeSpan.Zero ? left : TimeSpan.Zero);
        return exception;
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
        Task.Delay(delay, _time, cancellationToken);
#else
        _time.Delay(delay, cancellationToken);
#endif

    /// <summary>The timer of one attempt.</summary>
    private struct AttemptTimer
    {
        public CancellationTokenSource? Source;
        public CancellationTokenRegistration Registration;
        public bool EndsTheCall;
    }

    /// <summary>How many retries a call made, and the backoff formula's running value.</summary>
    private struct Retries
    {
        public int Count;
        public double Backoff;
    }
}
