using System.Diagnostics;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Enswitch.Client.OpenTelemetry.Tests;

/// <summary>
/// AddEnswitchClientInstrumentation() on the OpenTelemetry SDK's tracer and meter builders, registered in a host as an
/// application does it, collects the SDK's span and duration metric for real calls to the emulator, through the
/// OpenTelemetry in-memory exporter. Names and values are spelled out: they are what dashboards and alerts depend on.
/// Other tests' calls run in the same process, so each test reads only what carries its own emulator's port.
/// </summary>
public class InstrumentationTests
{
    private const string Create = "recording/groups/create";

    // The SDK's duration buckets in seconds (5 ms to two minutes), not OpenTelemetry's defaults made for milliseconds.
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60, 120, double.PositiveInfinity];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CollectsTheSpanAndTheDurationOfACall()
    {
        await using var app = await InstrumentedApp.StartAsync(EnswitchEmulator.DefaultPassword);

        var created = await app.Services.GetRequiredService<IRecordGroupsClient>().CreateAsync(new CreateRecordGroupRequest("Traced"), cancellationToken: Token);

        Assert.Equal(created.Id, Assert.Single(app.Emulator.RecordGroups).Id);
        var span = Assert.Single(app.Spans());
        Assert.Equal(Create, span.DisplayName);
        Assert.Equal("Enswitch.Client", span.Source.Name);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(Create, span.GetTagItem("enswitch.function"));
        Assert.Equal("non_idempotent", span.GetTagItem("enswitch.operation.kind"));
        Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
        Assert.Equal(app.Port, span.GetTagItem("server.port"));
        Assert.Equal(200, span.GetTagItem("enswitch.code"));
        Assert.Equal(1, span.GetTagItem("enswitch.attempts"));
        Assert.Equal(false, span.GetTagItem("enswitch.outcome_unknown"));
        Assert.Null(span.GetTagItem("error.type"));

        var point = Assert.Single(app.Durations());
        Assert.Equal(1, point.GetHistogramCount());
        Assert.True(point.GetHistogramSum() > 0);
        var tags = Tags(point);
        Assert.Equal(Create, tags["enswitch.function"]);
        Assert.Equal("non_idempotent", tags["enswitch.operation.kind"]);
        Assert.Equal("127.0.0.1", tags["server.address"]);
        Assert.False(tags.ContainsKey("error.type"));
        Assert.Equal(SecondsBuckets, Buckets(point).Select(b => b.ExplicitBound));
        Assert.Equal(1, Buckets(point).Sum(b => b.BucketCount));
    }

    [Fact]
    public async Task GivesAFailedCallsSpanAndDurationTheErrorType()
    {
        var password = "wrong-" + Guid.NewGuid().ToString("N");
        await using var app = await InstrumentedApp.StartAsync(password);

        await Assert.ThrowsAsync<AuthenticationException>(() =>
            app.Services.GetRequiredService<IRecordGroupsClient>().CreateAsync(new CreateRecordGroupRequest("Refused"), cancellationToken: Token));

        var span = Assert.Single(app.Spans());
        Assert.Equal(Create, span.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("Enswitch.Client.AuthenticationException", span.GetTagItem("error.type"));
        Assert.Equal("api_error", span.GetTagItem("enswitch.failure"));
        Assert.Equal(401, span.GetTagItem("enswitch.code"));
        Assert.Equal(app.Port, span.GetTagItem("server.port"));
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains(password, StringComparison.Ordinal) == true);

        var point = Assert.Single(app.Durations());
        Assert.Equal(1, point.GetHistogramCount());
        var tags = Tags(point);
        Assert.Equal("Enswitch.Client.AuthenticationException", tags["error.type"]);
        Assert.Equal("api_error", tags["enswitch.failure"]);
        Assert.Equal(Create, tags["enswitch.function"]);
    }

    private static Dictionary<string, object?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>();
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        return tags;
    }

    private static List<HistogramBucket> Buckets(MetricPoint point)
    {
        var buckets = new List<HistogramBucket>();
        foreach (var bucket in point.GetHistogramBuckets())
        {
            buckets.Add(bucket);
        }

        return buckets;
    }

    /// <summary>An emulator and a host with the SDK and OpenTelemetry registered as an application registers them.</summary>
    private sealed class InstrumentedApp : IAsyncDisposable
    {
        private readonly IHost _host;
        private readonly List<Activity> _spans;
        private readonly List<MetricSnapshot> _metrics;

        private InstrumentedApp(EnswitchEmulator emulator, IHost host, List<Activity> spans, List<MetricSnapshot> metrics)
        {
            Emulator = emulator;
            _host = host;
            _spans = spans;
            _metrics = metrics;
        }

        public EnswitchEmulator Emulator { get; }

        public IServiceProvider Services => _host.Services;

        public int Port => Emulator.BaseAddress.Port;

        public static async Task<InstrumentedApp> StartAsync(string password)
        {
            var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
            var spans = new List<Activity>();
            var metrics = new List<MetricSnapshot>();
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddEnswitchClient(o =>
            {
                o.BaseAddress = emulator.BaseAddress;
                o.Username = EnswitchEmulator.DefaultUsername;
                o.Password = password;
                o.CircuitBreakerEnabled = false;
            });
            builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddEnswitchClientInstrumentation().AddInMemoryExporter(spans))
                .WithMetrics(metering => metering.AddEnswitchClientInstrumentation().AddInMemoryExporter(metrics));
            var host = builder.Build();
            await host.StartAsync(Token);
            return new InstrumentedApp(emulator, host, spans, metrics);
        }

        /// <summary>Returns the SDK's spans of calls to this app's emulator; the exporter gets each when it ends.</summary>
        public IReadOnlyList<Activity> Spans()
        {
            lock (_spans)
            {
                return [.. _spans.Where(s => s.Source.Name == "Enswitch.Client" && Equals(s.GetTagItem("server.port"), Port))];
            }
        }

        /// <summary>Exports the metrics now and returns the duration histogram's points for this app's emulator.</summary>
        public List<MetricPoint> Durations()
        {
            Assert.True(Services.GetRequiredService<MeterProvider>().ForceFlush());
            var points = new List<MetricPoint>();
            foreach (var metric in _metrics.Where(m => m.MeterName == "Enswitch.Client" && m.Name == "enswitch.client.operation.duration"))
            {
                Assert.Equal(MetricType.Histogram, metric.MetricType);
                Assert.Equal("s", metric.Unit);
                points.AddRange(metric.MetricPoints.Where(p => Tags(p).TryGetValue("server.port", out var port) && Equals(port, Port)));
            }

            return points;
        }

        public async ValueTask DisposeAsync()
        {
            await _host.StopAsync(Token);
            _host.Dispose();
            await Emulator.DisposeAsync();
        }
    }
}
