using System.Net;
using System.Text;
using Enswitch.Client.Cdrs;
using Enswitch.Client.Recording;

namespace Enswitch.Client.Tests;

/// <summary>
/// <see cref="EnswitchRequestOptions"/>: one call's timeouts, retries and response cap replace the client's for that call
/// only, on the typed methods (hand-written and generated), on paging and on the raw calls; a bad value fails before
/// anything is sent.
/// </summary>
public class RequestOptionsTests
{
    private static readonly CreateRecordGroupRequest Group = new("example");

    // About 4 KB of rows: over a client cap of 1024 bytes, under a per-call cap of 64 KB.
    private static readonly string FourKilobytesOfRows = Envelope.WithData(
        "[" + string.Join(",", Enumerable.Range(1, 40).Select(i => $$"""{"id":"{{i}}","src":"1001","dst":"15551234567","calltime":"{{1_700_000_000 + i}}","billsec":"42"}""")) + "]");

    [Fact]
    public async Task AShorterTotalTimeout_EndsThatCallOnly()
    {
        using var harness = ClientHarness.Direct(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
            o.TotalTimeout = TimeSpan.FromMinutes(2);
        }).Replies(Reply.Hang(), Reply.Hang(), Reply.Json(Envelope.Validated));

        // The call with its own total timeout of 5 s ends when the clock has moved 5 s, after one attempt.
        var shortCall = harness.Client.ValidateCreateAsync(Group, new EnswitchRequestOptions { TotalTimeout = TimeSpan.FromSeconds(5) }, ClientHarness.Token);
        await harness.AdvanceWhenReceivedAsync(shortCall, 1, TimeSpan.FromSeconds(5));
        var timedOut = await Assert.ThrowsAsync<EnswitchTransportException>(() => ClientHarness.Settled(shortCall));
        Assert.Equal(1, timedOut.Attempts);
        Assert.Contains("total 5 s", timedOut.Message, StringComparison.Ordinal);

        // The next call, without options, keeps the client's 30 s attempt: 5 s end nothing, 30 s end its first attempt,
        // and its retry succeeds.
        var nextCall = harness.Client.ValidateCreateAsync(Group, cancellationToken: ClientHarness.Token);
        await harness.AdvanceWhenReceivedAsync(nextCall, 2, TimeSpan.FromSeconds(5));
        Assert.False(nextCall.IsCompleted);
        harness.Time.Advance(TimeSpan.FromSeconds(25));
        await ClientHarness.Settled(nextCall);
        Assert.Equal(3, harness.Sends);
    }

    [Fact]
    public async Task AShorterAttemptTimeout_EndsThatCallsAttemptsOnly()
    {
        using var harness = ClientHarness.Direct(o => o.AttemptTimeout = TimeSpan.FromSeconds(30)).Replies(Reply.Hang(), Reply.Json(Envelope.Validated));

        var call = harness.Client.ValidateCreateAsync(Group, new EnswitchRequestOptions { AttemptTimeout = TimeSpan.FromSeconds(2) }, ClientHarness.Token);
        await harness.AdvanceWhenReceivedAsync(call, 1, TimeSpan.FromSeconds(2));
        await ClientHarness.Settled(call);

        Assert.Equal(2, harness.Sends);
    }

    [Fact]
    public async Task ALargerResponseCap_AcceptsThatCallsAnswerOnly()
    {
        using var harness = ClientHarness.Direct(o => o.MaxResponseBytes = 1024).Replies(Reply.Json(FourKilobytesOfRows));
        var cdrs = harness.Enswitch.Cdrs;

        var rows = await cdrs.ListAsync(new ListCdrsRequest(), new EnswitchRequestOptions { MaxResponseBytes = 64 * 1024 }, ClientHarness.Token);
        var refused = await Assert.ThrowsAsync<EnswitchProtocolException>(() => cdrs.ListAsync(new ListCdrsRequest(), cancellationToken: ClientHarness.Token));

        Assert.Equal(40, rows.Count);
        Assert.Contains("larger than MaxResponseBytes (1024 bytes)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASmallerResponseCap_RefusesThatCallsAnswer_OnTheRawCallToo()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(FourKilobytesOfRows));

        var refused = await Assert.ThrowsAsync<EnswitchProtocolException>(
            () => harness.Enswitch.CallAsync("cdrs/list", [], options: new EnswitchRequestOptions { MaxResponseBytes = 1024 }, cancellationToken: ClientHarness.Token));
        var data = await harness.Enswitch.CallAsync("cdrs/list", [], cancellationToken: ClientHarness.Token);

        Assert.Contains("(1024 bytes)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(40, data!.Value.GetArrayLength());
    }

    [Fact]
    public async Task NoRetries_EndsThatCallAfterOneAttempt()
    {
        using var harness = ClientHarness.Direct(o => o.RetryDelay = TimeSpan.Zero).Replies(Reply.Refused(), Reply.Refused(), Reply.Json(Envelope.Validated));

        var once = await Assert.ThrowsAsync<EnswitchTransportException>(
            () => harness.Client.ValidateCreateAsync(Group, new EnswitchRequestOptions { MaxRetries = 0 }, ClientHarness.Token));
        await harness.Client.ValidateCreateAsync(Group, cancellationToken: ClientHarness.Token);

        // The first call stopped at its refused attempt; the second was refused once, retried, and answered.
        Assert.Equal(1, once.Attempts);
        Assert.False(once.RequestSent);
        Assert.Equal(3, harness.Sends);
    }

    [Fact]
    public async Task MoreRetries_NeverRepeatACreateThatMayHaveBeenSent()
    {
        using var harness = ClientHarness.Direct(o => o.RetryDelay = TimeSpan.Zero)
            .Replies(Reply.ReadThenFail(new HttpRequestException("reset")), Reply.Json(Envelope.Created123));

        var exception = await Assert.ThrowsAsync<EnswitchTransportException>(
            () => harness.Client.CreateAsync(Group, new EnswitchRequestOptions { MaxRetries = EnswitchClientOptions.MaxRetriesLimit }, ClientHarness.Token));

        Assert.True(exception.OutcomeUnknown);
        Assert.Equal(1, harness.Sends);
    }

    public static TheoryData<EnswitchRequestOptions, string> OutOfBounds() => new()
    {
        { new EnswitchRequestOptions { TotalTimeout = TimeSpan.Zero }, "EnswitchRequestOptions.TotalTimeout must be between" },
        { new EnswitchRequestOptions { AttemptTimeout = TimeSpan.FromDays(2) }, "EnswitchRequestOptions.AttemptTimeout must be between" },
        { new EnswitchRequestOptions { AttemptTimeout = TimeSpan.FromSeconds(10), TotalTimeout = TimeSpan.FromSeconds(5) }, "EnswitchRequestOptions.TotalTimeout must not be shorter than EnswitchRequestOptions.AttemptTimeout" },
        { new EnswitchRequestOptions { MaxRetries = -1 }, "EnswitchRequestOptions.MaxRetries must be between 0 and 10" },
        { new EnswitchRequestOptions { MaxRetries = 11 }, "EnswitchRequestOptions.MaxRetries must be between 0 and 10" },
        { new EnswitchRequestOptions { MaxResponseBytes = 100 }, "EnswitchRequestOptions.MaxResponseBytes must be between 1024" },
        { new EnswitchRequestOptions { MaxDownloadBytes = 100 }, "EnswitchRequestOptions.MaxDownloadBytes must be at least 1024" },
    };

    [Theory]
    [MemberData(nameof(OutOfBounds))]
    public async Task AValueOutOfBounds_FailsBeforeAnythingIsSent(EnswitchRequestOptions options, string message)
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.Created123));

        var typed = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.CreateAsync(Group, options, ClientHarness.Token));
        var raw = await Assert.ThrowsAsync<ArgumentException>(() => harness.Enswitch.CallAsync("cdrs/list", [], options: options, cancellationToken: ClientHarness.Token));
        var paging = Assert.Throws<ArgumentException>(() => harness.Enswitch.Cdrs.ListAllAsync(null, options: options, cancellationToken: ClientHarness.Token));

        Assert.All(new[] { typed, raw, paging }, e => Assert.Contains(message, e.Message, StringComparison.Ordinal));
        Assert.Equal("options", typed.ParamName);
        Assert.Equal(0, harness.Sends);
    }

    [Fact]
    public async Task EveryPageOfListAll_RunsUnderTheOptions()
    {
        using var harness = ClientHarness.Direct(o => o.MaxResponseBytes = 1024).Replies(Reply.Json(FourKilobytesOfRows), Reply.Json(Envelope.WithData("[]")));

        var rows = new List<Cdr>();
        await foreach (var row in harness.Enswitch.Cdrs.ListAllAsync(null, pageSize: 40, new EnswitchRequestOptions { MaxResponseBytes = 64 * 1024 }, ClientHarness.Token))
        {
            rows.Add(row);
        }

        Assert.Equal(40, rows.Count);
        Assert.Equal(2, harness.Sends);
    }

    [Fact]
    public void ToString_NamesOnlyWhatIsSet()
    {
        Assert.Equal("EnswitchRequestOptions { }", new EnswitchRequestOptions().ToString());
        Assert.Equal(
            "EnswitchRequestOptions { TotalTimeout = 00:05:00, MaxResponseBytes = 65536 }",
            new EnswitchRequestOptions { TotalTimeout = TimeSpan.FromMinutes(5), MaxResponseBytes = 65536 }.ToString());
    }

    public class TheWholeAnswer
    {
        [Fact]
        public async Task HoldsTheStatusHeadersEveryEntryAndTheData()
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Answer(() =>
            {
                var response = new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(
                        """{"responses":[{"code":"200","key":"","message":"OK"},{"code":"200","key":"note","message":"second entry"}],"data":{"id":"7"}}""",
                        Encoding.UTF8,
                        "application/json"),
                };
                response.Headers.TryAddWithoutValidation("X-Request-Id", "abc-123");
                response.Headers.TryAddWithoutValidation("X-Served-By", ["edge-1", "origin-2"]);
                return response;
            }));

            var answer = await harness.Enswitch.CallWithResponseAsync("customers/get", [new("id", "7")], cancellationToken: ClientHarness.Token);

            Assert.Equal(200, answer.HttpStatus);
            Assert.Equal(200, answer.Code);
            Assert.Equal(["abc-123"], answer.Headers["x-request-id"]);
            Assert.Equal(["edge-1", "origin-2"], answer.Headers["X-Served-By"]);
            Assert.Equal("application/json; charset=utf-8", Assert.Single(answer.Headers["Content-Type"]));
            Assert.Equal([new EnswitchResponseEntry(200, "", "OK"), new EnswitchResponseEntry(200, "note", "second entry")], answer.Responses);
            Assert.Equal("7", answer.Data!.Value.GetProperty("id").GetString());
        }

        [Fact]
        public async Task MasksThePasswordInHeadersAndEntries()
        {
            var password = Canary.NewPassword();
            using var harness = ClientHarness.Direct(o => o.Password = password).Replies(Reply.Answer(() =>
            {
                var response = new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(
                        $$"""{"responses":[{"code":"204","key":"","message":"saved for {{password}}"}]}""",
                        Encoding.UTF8,
                        "application/json"),
                };
                response.Headers.TryAddWithoutValidation("X-Echo", "auth_password=" + password);
                return response;
            }));

            var answer = await harness.Enswitch.CallWithResponseAsync("customers/update", [new("id", "7")], cancellationToken: ClientHarness.Token);

            Assert.Equal(204, answer.Code);
            Assert.Null(answer.Data);
            Canary.AssertAbsent(password, string.Join(" ", answer.Headers.SelectMany(h => h.Value)), "headers");
            Canary.AssertAbsent(password, answer.Responses[0].Message, "entry");
            Assert.StartsWith("auth_password=", Assert.Single(answer.Headers["X-Echo"]), StringComparison.Ordinal);
        }

        [Fact]
        public async Task AnErrorCodeStillThrowsItsTypedException()
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.Code(404, "id", "No such customer")));

            var missing = await Assert.ThrowsAsync<NotFoundException>(
                () => harness.Enswitch.CallWithResponseAsync("customers/get", [new("id", "8")], cancellationToken: ClientHarness.Token));

            Assert.Equal("id", missing.Key);
        }

        [Fact]
        public void CannotBeMadeWithoutAnEntry()
        {
            var headers = new Dictionary<string, IReadOnlyList<string>>();

            Assert.Throws<ArgumentException>(() => new EnswitchResponse(200, headers, [], null));
        }
    }
}

/// <summary>An application's HttpClient whose own Timeout is shorter than the SDK's: the error says which timeout ended the call.</summary>
public class ShorterHttpClientTimeoutTests
{
    [Fact]
    public async Task TheErrorNamesTheHttpClientsTimeout_NotTheSdks()
    {
        using var http = new HttpClient(new NeverAnswers()) { Timeout = TimeSpan.FromMilliseconds(50) };
        using var client = new EnswitchClient(http, TestOptions.Create(o => o.MaxRetries = 0));

        var exception = await Assert.ThrowsAsync<EnswitchTransportException>(
            () => client.CallAsync("cdrs/list", [], options: new EnswitchRequestOptions { TotalTimeout = TimeSpan.FromMinutes(5) }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("HttpClient's own Timeout of 0.05 s", exception.Message, StringComparison.Ordinal);
        Assert.Contains("total 300 s", exception.Message, StringComparison.Ordinal);
    }

    private sealed class NeverAnswers : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
