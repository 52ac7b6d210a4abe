using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Enswitch.Client.TestSupport;

/// <summary>
/// Every trace and metric signal on at once, for one test: an <see cref="ActivityListener"/> that samples
/// every source with all data, a <see cref="MeterListener"/> on every instrument in the process, and
/// collectors on the SDK's duration histogram and retry counter from one meter factory. The test's calls
/// run under a parent activity, so this test's SDK spans are told apart from those of tests running in
/// parallel. The names are spelled out, not taken from the SDK's constants, because they are the
/// contract dashboards depend on.
/// </summary>
internal sealed class TelemetryRecorder : IDisposable
{
    public const string SourceName = "Enswitch.Client";
    public const string DurationName = "enswitch.client.operation.duration";
    public const string RetriesName = "enswitch.client.retries";

    private static readonly ActivitySource TestSource = new("Enswitch.Client.TestSupport");

    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;
    private readonly Activity _parent;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<string> _measurements = new();

    private TelemetryRecorder(IMeterFactory meterFactory)
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            SampleUsingParentId = static (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener { InstrumentPublished = static (instrument, listener) => listener.EnableMeasurementEvents(instrument) };
        _meters.SetMeasurementEventCallback<double>(Measured);
        _meters.SetMeasurementEventCallback<float>(Measured);
        _meters.SetMeasurementEventCallback<long>(Measured);
        _meters.SetMeasurementEventCallback<int>(Measured);
        _meters.SetMeasurementEventCallback<short>(Measured);
        _meters.SetMeasurementEventCallback<byte>(Measured);
        _meters.SetMeasurementEventCallback<decimal>(Measured);
        _meters.Start();

        Duration = new MetricCollector<double>(meterFactory, SourceName, DurationName);
        Retries = new MetricCollector<long>(meterFactory, SourceName, RetriesName);

        // Started last, and in a synchronous method, so that it stays Activity.Current for the calling test.
        _parent = TestSource.StartActivity("test")!;
    }

    /// <summary>Gets the SDK's call duration measurements from the meter factory given at start.</summary>
    public MetricCollector<double> Duration { get; }

    /// <summary>Gets the SDK's retry counter measurements from the meter factory given at start.</summary>
    public MetricCollector<long> Retries { get; }

    /// <summary>Gets the SDK's finished spans in this test's trace, in the order they started.</summary>
    public IReadOnlyList<Activity> SdkSpans =>
        [.. _stopped.Where(a => a.Source.Name == SourceName && a.TraceId == _parent.TraceId).OrderBy(a => a.StartTimeUtc)];

    /// <summary>Gets every finished activity of this test's trace, whatever its source (HttpClient's among them).</summary>
    public IReadOnlyList<Activity> TraceActivities => [.. _stopped.Where(a => a.TraceId == _parent.TraceId)];

    /// <summary>Starts recording; the caller's code from here on runs under the recorder's parent activity.</summary>
    public static TelemetryRecorder Start(IMeterFactory meterFactory) => new(meterFactory);

    /// <summary>Returns the value of a tag of a span or span event, or <see langword="null"/>.</summary>
    public static object? Tag(IEnumerable<KeyValuePair<string, object?>> tags, string name) =>
        tags.FirstOrDefault(t => t.Key == name).Value;

    /// <summary>
    /// Returns everything any activity (every source, every trace) and any measurement (every instrument)
    /// carried while recording: names, status, tags, events and their tags, links, baggage.
    /// </summary>
    public string AllText()
    {
        var text = new StringBuilder();
        foreach (var activity in _stopped)
        {
            text.Append('\n').Append(activity.Source.Name).Append(' ').Append(Describe(activity));
        }

        foreach (var measurement in _measurements)
        {
            text.Append('\n').Append(measurement);
        }

        return text.ToString();
    }

    /// <summary>Returns everything an activity carries as text: names, status, tags, baggage, events and links with their tags.</summary>
    public static string Describe(Activity activity)
    {
        var text = new StringBuilder();
        text.Append(activity.DisplayName).Append(' ').Append(activity.OperationName).Append(' ').Append(activity.StatusDescription);
        Append(text, activity.TagObjects);
        foreach (var item in activity.Baggage)
        {
            text.Append(" baggage ").Append(item.Key).Append('=').Append(item.Value);
        }

        foreach (var e in activity.Events)
        {
            text.Append(" event ").Append(e.Name);
            Append(text, e.Tags);
        }

        foreach (var link in activity.Links)
        {
            text.Append(" link");
            Append(text, link.Tags ?? []);
        }

        return text.ToString();
    }

    public void Dispose()
    {
        _parent.Dispose();
        _activities.Dispose();
        _meters.Dispose();
        Duration.Dispose();
        Retries.Dispose();
    }

    private static void Append(StringBuilder text, IEnumerable<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            text.Append(' ').Append(tag.Key).Append('=').Append(Convert.ToString(tag.Value, CultureInfo.InvariantCulture));
        }
    }

    private void Measured<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var text = new StringBuilder().Append(instrument.Meter.Name).Append(' ').Append(instrument.Name);
        foreach (var tag in tags)
        {
            text.Append(' ').Append(tag.Key).Append('=').Append(Convert.ToString(tag.Value, CultureInfo.InvariantCulture));
        }

        _measurements.Enqueue(text.ToString());
    }
}
