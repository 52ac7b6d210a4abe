using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Enswitch.Client.Transport;

/// <summary>
/// Traces and metrics for calls: one <see cref="Activity"/> per call (a run through the resilience
/// pipeline, every attempt included), a duration histogram and a retry counter, named after the
/// OpenTelemetry semantic conventions where they apply. Every tag is a function name, a kind, a code,
/// a count, a type name or the server's host and port: never a URL with a query, a body, the username,
/// the password or a token, and never an exception message (it may quote the server).
/// </summary>
internal sealed class EnswitchTelemetry
{
    private static readonly ActivitySource Source = new(EnswitchTelemetryNames.ActivitySourceName, UserAgentHeader.Version);

    // Without dependency injection there is no IMeterFactory; every such client shares one meter, as
    // libraries did before .NET 8.
    private static readonly Lazy<Instruments> Shared = new(() => new Instruments(new Meter(EnswitchTelemetryNames.MeterName, UserAgentHeader.Version)));

    private readonly Instruments _instruments;
    private readonly TimeProvider _time;
    private readonly string _serverAddress;
    private readonly int _serverPort;

    public EnswitchTelemetry(Uri baseAddress, TimeProvider time, IMeterFactory? meterFactory)
    {
        _time = time;
        _serverAddress = baseAddress.Host;
        _serverPort = baseAddress.Port;
        _instruments = meterFactory is null
            ? Shared.Value
            : new Instruments(meterFactory.Create(new MeterOptions(EnswitchTelemetryNames.MeterName) { Version = UserAgentHeader.Version }));
    }

    /// <summary>Starts the call's span, when anyone listens, and makes it current for the attempts' HTTP spans.</summary>
    public void Start(CallState call)
    {
        if (!Source.HasListeners() || Source.StartActivity(call.Function.Name, ActivityKind.Client) is not { } activity)
        {
            return;
        }

        call.Activity = activity;
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(EnswitchTelemetryNames.FunctionTag, call.Function.Name);
            activity.SetTag(EnswitchTelemetryNames.OperationKindTag, KindName(call.Function.Kind));
            activity.SetTag(EnswitchTelemetryNames.ServerAddressTag, _serverAddress);
            activity.SetTag(EnswitchTelemetryNames.ServerPortTag, _serverPort);
        }
    }

    /// <summary>Counts a retry and adds a span event for the attempt that failed.</summary>
    public void Retrying(CallState call, EnswitchException failure, TimeSpan delay)
    {
        var failureName = FailureName(failure.Failure);
        if (_instruments.Retries.Enabled)
        {
            _instruments.Retries.Add(1, new(EnswitchTelemetryNames.FunctionTag, call.Function.Name), new(EnswitchTelemetryNames.FailureTag, failureName));
        }

        if (call.Activity is { IsAllDataRequested: true } activity)
        {
            var tags = new ActivityTagsCollection
            {
                { EnswitchTelemetryNames.AttemptTag, call.Attempts },
                { EnswitchTelemetryNames.FailureTag, failureName },
                { EnswitchTelemetryNames.RetryDelayTag, delay.TotalSeconds },
            };
            if (failure.HttpStatus is { } status)
            {
                tags.Add(EnswitchTelemetryNames.HttpStatusCodeTag, status);
            }

            activity.AddEvent(new ActivityEvent(EnswitchTelemetryNames.RetryEvent, tags: tags));
        }
    }

    /// <summary>Ends the call's span and records its duration after a success with envelope code <paramref name="code"/>.</summary>
    public void Succeeded(CallState call, int code) => Complete(call, code, null);

    /// <summary>
    /// Ends the call's span with status Error and records its duration, for the exception the caller
    /// receives (typed, or a cancellation).
    /// </summary>
    public void Failed(CallState call, Exception exception) => Complete(call, (exception as EnswitchException)?.Code, exception);

    private void Complete(CallState call, int? code, Exception? exception)
    {
        var failure = exception as EnswitchException;
        var errorType = exception?.GetType().FullName;
        var failureName = failure is null ? null : FailureName(failure.Failure);
        if (_instruments.Duration.Enabled)
        {
            var tags = new TagList
            {
                { EnswitchTelemetryNames.FunctionTag, call.Function.Name },
                { EnswitchTelemetryNames.OperationKindTag, KindName(call.Function.Kind) },
                { EnswitchTelemetryNames.ServerAddressTag, _serverAddress },
                { EnswitchTelemetryNames.ServerPortTag, _serverPort },
            };
            if (errorType is not null)
            {
                tags.Add(EnswitchTelemetryNames.ErrorTypeTag, errorType);
            }

            if (failureName is not null)
            {
                tags.Add(EnswitchTelemetryNames.FailureTag, failureName);
            }

            _instruments.Duration.Record(_time.GetElapsedTime(call.StartTimestamp).TotalSeconds, tags);
        }

        if (call.Activity is not { } activity)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(EnswitchTelemetryNames.AttemptsTag, call.Attempts);
            activity.SetTag(EnswitchTelemetryNames.OutcomeUnknownTag, failure?.OutcomeUnknown ?? false);
            if (code is { } value)
            {
                activity.SetTag(EnswitchTelemetryNames.CodeTag, value);
            }

            if (failure?.HttpStatus is { } status)
            {
                activity.SetTag(EnswitchTelemetryNames.HttpStatusCodeTag, status);
            }

            activity.SetTag(EnswitchTelemetryNames.ErrorTypeTag, errorType);
            activity.SetTag(EnswitchTelemetryNames.FailureTag, failureName);
        }

        if (exception is not null)
        {
            // No description: the exception message may quote the server, and the type says what failed.
            activity.SetStatus(ActivityStatusCode.Error);
        }

        activity.Dispose();
        call.Activity = null;
    }

    // Lower snake case, as OpenTelemetry attribute values are; no ToString() allocation per call.
    private static string KindName(OperationKind kind) => kind switch
    {
        OperationKind.Read => "read",
        OperationKind.ValidateOnly => "validate_only",
        OperationKind.IdempotentWrite => "idempotent_write",
        OperationKind.NonIdempotent => "non_idempotent",
        _ => "unknown",
    };

    private static string FailureName(FailureClass failure) => failure switch
    {
        FailureClass.NotSent => "not_sent",
        FailureClass.NoAnswer => "no_answer",
        FailureClass.TransientStatus => "transient_status",
        FailureClass.PermanentStatus => "permanent_status",
        FailureClass.InvalidResponse => "invalid_response",
        FailureClass.ApiError => "api_error",
        FailureClass.ApiServerError => "api_server_error",
        FailureClass.CircuitOpen => "circuit_open",
        _ => "unknown",
    };

    private sealed class Instruments
    {
        public Instruments(Meter meter)
        {
            const string description = "Duration of Enswitch calls, from the first attempt to the result, retries and their delays included.";
#if NET9_0_OR_GREATER
            // OpenTelemetry's default buckets are made for milliseconds (see DurationBuckets).
            Duration = meter.CreateHistogram(EnswitchTelemetryNames.OperationDurationMetric, unit: "s", description, tags: null, new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = DurationBuckets.Seconds(),
            });
#else
            Duration = meter.CreateHistogram<double>(EnswitchTelemetryNames.OperationDurationMetric, unit: "s", description);
#endif
            Retries = meter.CreateCounter<long>(
                EnswitchTelemetryNames.RetriesMetric,
                unit: "{retry}",
                description: "Attempts of Enswitch calls that failed and were tried again.");
        }

        public Histogram<double> Duration { get; }

        public Counter<long> Retries { get; }
    }
}
