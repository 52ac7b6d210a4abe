using System.Diagnostics;
using System.Net;
using Enswitch.Client.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.Tests;

/// <summary>
/// Traces and metrics (issue 5 item 3): one span and one duration measurement per call, whatever the
/// outcome and however many attempts, with tags from the OpenTelemetry conventions and the SDK's own,
/// a retry counter, and nothing secret in any of them.
/// </summary>
public class TelemetryTests
{
    private const string Create = "recording/groups/create";

    /// <summary>The tags every measurement of a create against the test host carries.</summary>
    private static Dictionary<string, object?> CreateTags(string kind = "non_idempotent") => new()
    {
        ["enswitch.function"] = Create,
        ["enswitch.operation.kind"] = kind,
        ["server.address"] = "enswitch.example.com",
        ["server.port"] = 80,
    };

    private static void AssertHasTags(IEnumerable<KeyValuePair<string, object?>> actual, Dictionary<string, object?> expected)
    {
        var tags = actual.ToDictionary(t => t.Key, t => t.Value);
        foreach (var (name, value) in expected)
        {
            Assert.True(tags.TryGetValue(name, out var found), $"tag {name} is missing; tags: {string.Join(", ", tags)}");
            Assert.Equal(value, found);
        }
    }

    public class ThePublicNames
    {
        // A dashboard or an OpenTelemetry subscription written with the public constants sees the SDK's span, tags and
        // duration metric: the constants are the names the SDK emits under.
        [Fact]
        public async Task AreTheNamesTheSdkEmitsUnder()
        {
            using var harness = ClientHarness.Direct();
            var spans = new List<Activity>();
            using var activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == EnswitchTelemetryNames.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = span =>
                {
                    lock (spans)
                    {
                        spans.Add(span);
                    }
                },
            };
            ActivitySource.AddActivityListener(activities);
            var durations = new List<KeyValuePair<string, object?>[]>();
            using var meters = new System.Diagnostics.Metrics.MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == EnswitchTelemetryNames.MeterName && instrument.Name == EnswitchTelemetryNames.OperationDurationMetric)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            meters.SetMeasurementEventCallback<double>((_, _, tags, _) =>
            {
                lock (durations)
                {
                    durations.Add(tags.ToArray());
                }
            });
            meters.Start();

            // Other tests run in parallel: this call's span is the one under this test's own parent.
            ActivityTraceId trace;
            using (var parent = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start())
            {
                trace = parent.TraceId;
                await harness.CreateAsync();
            }

            Activity[] ours;
            lock (spans)
            {
                ours = spans.Where(s => s.TraceId == trace).ToArray();
            }

            var span = Assert.Single(ours);
            Assert.Equal(Create, span.GetTagItem(EnswitchTelemetryNames.FunctionTag));
            Assert.Equal("non_idempotent", span.GetTagItem(EnswitchTelemetryNames.OperationKindTag));
            Assert.Equal("enswitch.example.com", span.GetTagItem(EnswitchTelemetryNames.ServerAddressTag));
            Assert.Equal(200, span.GetTagItem(EnswitchTelemetryNames.CodeTag));
            Assert.Equal(1, span.GetTagItem(EnswitchTelemetryNames.AttemptsTag));
            Assert.Equal(false, span.GetTagItem(EnswitchTelemetryNames.OutcomeUnknownTag));
            lock (durations)
            {
                Assert.Contains(durations, tags => tags.Any(t => t.Key == EnswitchTelemetryNames.FunctionTag && (string?)t.Value == Create));
            }
        }
    }

    public class ASuccessfulCall
    {
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task HasOneClientSpanAndOneDurationMeasurement_WithTheCallsTags(bool dependencyInjection)
        {
            using var harness = ClientHarness.Create(dependencyInjection);
            using var telemetry = TelemetryRecorder.Start(harness.MeterFactory);

            await harness.CreateAsync();

            var span = Assert.Single(telemetry.SdkSpans);
            Assert.Equal(Create, span.DisplayName);
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            var expected = CreateTags();
            expected["enswitch.code"] = 200;
            expected["enswitch.attempts"] = 1;
            expected["enswitch.outcome_unknown"] = false;
            AssertHasTags(span.TagObjects, expected);
            Assert.Null(TelemetryRecorder.Tag(span.TagObjects, "error.type"));
            Assert.Empty(span.Events);

            var measurement = Assert.Single(telemetry.Duration.GetMeasurementSnapshot());
            Assert.Equal(CreateTags(), measurement.Tags);
            Assert.Empty(telemetry.Retries.GetMeasurementSnapshot());
        }

        [Fact]
        public async Task RecordsTheDurationInSecondsOnTheSdkClock_RetryDelaysIncluded()
        {
            using var harness = ClientHarness.Direct();
            using var telemetry = TelemetryRecorder.Start(harness.MeterFactory);
            harness.Replies(Reply.Html(HttpStatusCode.ServiceUnavailable, "<html>busy</html>", "2"), Reply.Json(Envelope.Validated));

            var call = harness.ValidateCreateAsync();
            await ClientHarness.WaitUntilAsync(harness.Time.TimerCreatedAsync(TimeSpan.FromSeconds(2)), call, "the SDK started to wait 2 s");
            harness.Time.Advance(TimeSpan.FromSeconds(2));
            await ClientHarness.Settled(call);

            Assert.Equal(2.0, Assert.Single(telemetry.Duration.GetMeasurementSnapshot()).Value);
            var retry = Assert.Single(Assert.Single(telemetry.SdkSpans).Events);
            Assert.Equal(2.0, TelemetryRecorder.Tag(retry.Tags, "enswitch.retry.delay"));
        }
    }

    public class ARetriedCall
    {
        [Fact]
        public async Task IsOneSpan_WithAnEventAndACountedRetryPerFailedAttempt()
        {
            using var harness = ClientHarness.Direct().Replies(
                Reply.Html(HttpStatusCode.ServiceUnavailable, "<html>busy</html>"),
                Reply.Refused(),
                Reply.Json(Envelope.Validated));
            using var telemetry = TelemetryRecorder.Start(harness.MeterFactory);

            await harness.ValidateCreateAsync();

            var span = Assert.Single(telemetry.SdkSpans);
            var expected = CreateTags("validate_only");
            expected["enswitch.code"] = 201;
            expected["enswitch.attempts"] = 3;
            AssertHasTags(span.TagObjects, expected);
            Assert.Equal(ActivityStatusCode.Unset, span.Status);

            var events = span.Events.ToList();
            Assert.Equal(2, events.Count);
            Assert.All(events, e => Assert.Equal("enswitch.retry", e.Name));
            AssertHasTags(events[0].Tags, new() { ["enswitch.attempt"] = 1, ["enswitch.failure"] = "transient_status", ["http.response.status_code"] = 503 });
            AssertHasTags(events[1].Tags, new() { ["enswitch.attempt"] = 2, ["enswitch.failure"] = "not_sent" });
            Assert.Null(TelemetryRecorder.Tag(events[1].Tags, "http.response.status_code"));

            var retries = telemetry.Retries.GetMeasurementSnapshot();
            Assert.Equal([1L, 1L], retries.Select(r => r.Value));
            Assert.Equal(new Dictionary<string, object?> { ["enswitch.function"] = Create, ["enswitch.failure"] = "transient_status" }, retries[0].Tags);
            Assert.Equal(new Dictionary<string, object?> { ["enswitch.function"] = Create, ["enswitch.failure"] = "not_sent" }, retries[1].Tags);

            Assert.Equal(CreateTags("validate_only"), Assert.Single(telemetry.Duration.GetMeasurementSnapshot()).Tags);
        }
    }

    public class AFailedCall
    {
        public static TheoryData<string> Failures() => ["404", "no answer", "retries exhausted", "unexpected"];

        [Theory]
        [MemberData(nameof(Failures))]
        public async Task IsOneSpanWithStatusError_AndOneDurationMeasurementWithTheErrorType(string failure)
        {
            var (replies, configure, validate, expectedType, failureName, attempts, code, status, outcomeUnknown) = failure switch
            {
                "404" => (new[] { Reply.Json(Envelope.Code(404, string.Empty, "No such group")) }, (Action<EnswitchClientOptions>?)null, false, typeof(NotFoundException), "api_error", 1, (int?)404, (int?)200, false),
                "no answer" => ([Reply.ReadThenFail(new HttpRequestException(HttpRequestError.ResponseEnded, "reset"))], null, false, typeof(EnswitchTransportException), "no_answer", 1, null, null, true),
                "retries exhausted" => ([Reply.Html(HttpStatusCode.BadGateway, "<html>proxy</html>")], o => o.MaxRetries = 2, true, typeof(EnswitchProtocolException), "transient_status", 3, null, 502, false),
                "unexpected" => ([Reply.Json(Envelope.Created123)], null, false, typeof(InvalidOperationException), null, 1, null, null, false),
                _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "No such failure."),
            };
            using var harness = failure == "unexpected"
                ? ClientHarness.WithDependencyInjection(o => o.RequestMethod = EnswitchRequestMethod.Get, h => h.AddHttpMessageHandler(() => new AnsweringHandler()))
                : ClientHarness.Direct(configure).Replies(replies);
            using var telemetry = TelemetryRecorder.Start(harness.MeterFactory);

            var exception = await Assert.ThrowsAnyAsync<Exception>(() => validate ? harness.ValidateCreateAsync() : harness.CreateAsync());

            Assert.IsType(expectedType, exception);
            var span = Assert.Single(telemetry.SdkSpans);
            Assert.Equal(ActivityStatusCode.Error, span.Status);
            Assert.Null(span.StatusDescription);
            var tags = span.TagObjects.ToList();
            AssertHasTags(tags, new() { ["error.type"] = expectedType.FullName, ["enswitch.attempts"] = attempts, ["enswitch.outcome_unknown"] = outcomeUnknown });
            Assert.Equal(failureName, TelemetryRecorder.Tag(tags, "enswitch.failure"));
            Assert.Equal(code, TelemetryRecorder.Tag(tags, "enswitch.code"));
            Assert.Equal(status, TelemetryRecorder.Tag(tags, "http.response.status_code"));
            Assert.Equal(attempts - 1, span.Events.Count());

            var expected = CreateTags(validate ? "validate_only" : "non_idempotent");
            expected["error.type"] = expectedType.FullName;
            if (failureName is not null)
            {
                expected["enswitch.failure"] = failureName;
            }

            Assert.Equal(expected, Assert.Single(telemetry.Duration.GetMeasurementSnapshot()).Tags);
            Assert.Equal(attempts - 1, telemetry.Retries.GetMeasurementSnapshot().Sum(m => m.Value));
        }

        [Fact]
        public async Task CancelledByTheCaller_EndsTheSpanWithTheCancellationType()
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Hang());
            using var telemetry = TelemetryRecorder.Start(harness.MeterFactory);
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ClientHarness.Token);

            var call = harness.Client.CreateAsync(new Recording.CreateRecordGroupRequest("example"), cancellationToken: cancellation.Token);
            await ClientHarness.WaitUntilAsync(harness.ReceivedAsync(1), call, "the request reached the server");
            await cancellation.CancelAsync();
            var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ClientHarness.Settled(call));

            var span = Assert.Single(telemetry.SdkSpans);
            Assert.Equal(ActivityStatusCode.Error, span.Status);
            Assert.Equal(exception.GetType().FullName, TelemetryRecorder.Tag(span.TagObjects, "error.type"));
            Assert.Equal(exception.GetType().FullName, Assert.Single(telemetry.Duration.GetMeasurementSnapshot()).Tags["error.type"]);
        }

        // An application handler that answers by itself in GET mode keeps the SDK's innermost handler from
        // adding the credentials, which the SDK reports as InvalidOperationException: not an Enswitch
        // failure, but still the end of a call.
        private sealed class AnsweringHandler : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Envelope.Created123) });
        }
    }

    public class TokenMode
    {
        [Theory]
        [InlineData(EnswitchRequestMethod.Post)]
        [InlineData(EnswitchRequestMethod.Get)]
        public async Task LogsInUnderItsOwnSpan_AndNoTagEventMeasurementOrLogHoldsThePasswordOrAToken(EnswitchRequestMethod method)
        {
            var password = Canary.NewPassword();
            var tokens = new[] { Canary.NewPassword(), Canary.NewPassword() };
            string Login(string token) => Envelope.WithData($"{{\"auth_token\":{System.Text.Json.JsonSerializer.Serialize(token)},\"auth_token_expiry\":3600}}");
            var echo = $"token {tokens[0]} password {password}";
            using var harness = ClientHarness.WithDependencyInjection(o =>
            {
                o.Password = password;
                o.RequestMethod = method;
                o.Authentication = EnswitchAuthenticationMode.Token;
            }).Replies(
                Reply.Json(Login(tokens[0])),
                Reply.Json(Envelope.Code(401, tokens[0], echo)),
                Reply.Json(Login(tokens[1])),
                Reply.Html(HttpStatusCode.ServiceUnavailable, $"<html>{echo}</html>"),
                Reply.Json(Envelope.Validated));
            using var telemetry = TelemetryRecorder.Start(harness.MeterFactory);

            await harness.ValidateCreateAsync();

            // The expired token's 401 ends that call; the repeat after a fresh login is a call of its own.
            Assert.Equal(["user/login", Create, "user/login", Create], telemetry.SdkSpans.Select(s => s.DisplayName));
            Assert.Equal([null, "Enswitch.Client.AuthenticationException", null, null], telemetry.SdkSpans.Select(s => TelemetryRecorder.Tag(s.TagObjects, "error.type")));
            Assert.Equal(2, TelemetryRecorder.Tag(telemetry.SdkSpans[^1].TagObjects, "enswitch.attempts"));
            Assert.Equal(4, telemetry.Duration.GetMeasurementSnapshot().Count);
            Assert.Equal(1, Assert.Single(telemetry.Retries.GetMeasurementSnapshot()).Value);

            // Both tokens really went on the wire, so their absence from telemetry and logs means something.
            var wire = string.Join('\n', harness.Received.Select(r => r.Method == HttpMethod.Get ? r.Uri : r.Body));
            Assert.All(tokens, token => Assert.Contains("auth_token=" + Uri.EscapeDataString(token), wire, StringComparison.Ordinal));

            var text = telemetry.AllText();
            foreach (var secret in tokens.Append(password))
            {
                Canary.AssertAbsent(secret, text, "telemetry");
                Canary.AssertAbsent(secret, string.Join('\n', harness.Logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception} {string.Join(';', r.StructuredState ?? [])}")), "the logs");
            }
        }
    }
}
