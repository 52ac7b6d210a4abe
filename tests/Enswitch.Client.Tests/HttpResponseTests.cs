using System.Globalization;
using System.Net;

namespace Enswitch.Client.Tests;

/// <summary>
/// The HTTP-level cases of faults.md (H1-H12): statuses, HTML pages, empty and oversized bodies and
/// <c>Retry-After</c>, through the client.
/// </summary>
public class HttpResponseTests
{
    private const string BadGatewayPage = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><hr><center>nginx</center></body></html>";

    public class AnHtmlErrorPage
    {
        [Fact]
        public async Task FailsACreateWithTheStatusAndAShortSnippet()
        {
            var exception = await Expect.CreateFailsOnceAsync<EnswitchProtocolException>(Reply.Html(HttpStatusCode.BadGateway, BadGatewayPage));

            Assert.Equal(502, exception.HttpStatus);
            Assert.Null(exception.Code);
            Assert.StartsWith("<html><head><title>502 Bad Gateway", exception.BodySnippet, StringComparison.Ordinal);
            Assert.Contains("502 Bad Gateway", exception.Message, StringComparison.Ordinal);
            Assert.True(exception.OutcomeUnknown);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task KeepsTheSnippetShort(bool unsized)
        {
            var page = "<html><body>" + new string('p', 200_000) + "</body></html>";

            var exception = await Expect.CreateFailsOnceAsync<EnswitchProtocolException>(
                unsized ? Reply.Unsized(page, HttpStatusCode.BadGateway) : Reply.Html(HttpStatusCode.BadGateway, page));

            Assert.StartsWith("<html><body>ppp", exception.BodySnippet, StringComparison.Ordinal);
            Assert.InRange(exception.BodySnippet.Length, 100, 301);
            Assert.InRange(exception.Message.Length, 100, 1000);
        }

        [Fact]
        public async Task IsRetriedOnAValidation()
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Html(HttpStatusCode.BadGateway, BadGatewayPage), Reply.Json(Envelope.Validated));

            await harness.ValidateCreateAsync();

            Assert.Equal(2, harness.Sends);
        }

        [Fact]
        public async Task HasTheEchoedPasswordRemovedRawAndPercentEncoded()
        {
            var password = Canary.NewPassword();
            var page = $"<html><body><h1>502 Bad Gateway</h1><pre>POST auth_password={password} query auth_password={Uri.EscapeDataString(password)} form {WebUtility.UrlEncode(password)}</pre></body></html>";

            var exception = await Expect.CreateFailsOnceAsync<EnswitchProtocolException>(Reply.Html(HttpStatusCode.BadGateway, page), o => o.Password = password);

            Assert.Contains("auth_password=***", exception.BodySnippet, StringComparison.Ordinal);
            Canary.AssertAbsent(password, exception);
        }
    }

    public class AnHtmlPageWithStatus200
    {
        [Fact]
        public async Task IsNeverASuccess()
        {
            var exception = await Expect.CreateFailsOnceAsync<EnswitchProtocolException>(Reply.Html(HttpStatusCode.OK, "<!DOCTYPE html><html><body>Please log in</body></html>"));

            Assert.Equal(200, exception.HttpStatus);
            Assert.Contains("Please log in", exception.BodySnippet, StringComparison.Ordinal);
            Assert.True(exception.OutcomeUnknown);
        }
    }

    public class AnEmptyBody
    {
        [Theory]
        [InlineData(HttpStatusCode.OK)]
        [InlineData(HttpStatusCode.NoContent)]
        public async Task IsAProtocolErrorWithAnUnknownOutcome(HttpStatusCode status)
        {
            var exception = await Expect.CreateFailsOnceAsync<EnswitchProtocolException>(Reply.With(status, () => new ByteArrayContent([])));

            Assert.Equal((int)status, exception.HttpStatus);
            Assert.Equal(string.Empty, exception.BodySnippet);
            Assert.True(exception.OutcomeUnknown);
        }
    }

    public class AStatusThatWillNotImprove
    {
        [Theory]
        [InlineData(HttpStatusCode.NotImplemented)]
        [InlineData(HttpStatusCode.HttpVersionNotSupported)]
        [InlineData(HttpStatusCode.Forbidden)]
        public async Task IsNeverRetriedEvenOnAValidation(HttpStatusCode status)
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Html(status, "<html>nope</html>"));

            var exception = await Assert.ThrowsAsync<EnswitchProtocolException>(() => harness.ValidateCreateAsync());

            Assert.Equal((int)status, exception.HttpStatus);
            Assert.Equal(1, harness.Sends);
        }

        [Fact]
        public async Task IsNeverRetriedOnACreate()
        {
            var exception = await Expect.CreateFailsOnceAsync<EnswitchProtocolException>(Reply.Html(HttpStatusCode.NotImplemented, "<html>nope</html>"));

            Assert.Equal(501, exception.HttpStatus);
        }
    }

    public class ATransientStatus
    {
        [Theory]
        [InlineData(HttpStatusCode.RequestTimeout)]
        [InlineData(HttpStatusCode.TooManyRequests)]
        [InlineData(HttpStatusCode.InternalServerError)]
        [InlineData(HttpStatusCode.BadGateway)]
        [InlineData(HttpStatusCode.ServiceUnavailable)]
        [InlineData(HttpStatusCode.GatewayTimeout)]
        public async Task IsRetriedOnAValidationUntilTheRetriesRunOut(HttpStatusCode status)
        {
            using var harness = ClientHarness.Direct(o => o.MaxRetries = 2).Replies(Reply.Html(status, "<html>busy</html>"));

            var exception = await Assert.ThrowsAsync<EnswitchProtocolException>(() => harness.ValidateCreateAsync());

            Assert.Equal((int)status, exception.HttpStatus);
            Assert.Equal(3, exception.Attempts);
            Assert.Equal(3, harness.Sends);
            Assert.False(exception.OutcomeUnknown);
        }

        [Theory]
        [InlineData(HttpStatusCode.TooManyRequests)]
        [InlineData(HttpStatusCode.ServiceUnavailable)]
        public async Task IsNeverRetriedOnACreate(HttpStatusCode status)
        {
            var exception = await Expect.CreateFailsOnceAsync<EnswitchProtocolException>(Reply.Html(status, "<html>busy</html>", retryAfter: "2"));

            Assert.Equal((int)status, exception.HttpStatus);
            Assert.True(exception.OutcomeUnknown);
        }
    }

    public class TheRetryAfterHeader
    {
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task MakesAValidationWaitThatLongBeforeRetrying(bool asDate)
        {
            // RetryDelay is zero, so a retry that ignored Retry-After would not wait at all.
            using var harness = ClientHarness.Direct();
            var retryAfter = asDate ? harness.Time.GetUtcNow().AddSeconds(2).ToString("R", CultureInfo.InvariantCulture) : "2";
            harness.Replies(Reply.Html(HttpStatusCode.ServiceUnavailable, "<html>busy</html>", retryAfter), Reply.Json(Envelope.Validated));

            var call = harness.ValidateCreateAsync();
            await ClientHarness.WaitUntilAsync(harness.Time.TimerCreatedAsync(TimeSpan.FromSeconds(2)), call, "the SDK started to wait 2 s");
            harness.Time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
            Assert.Equal(1, harness.Sends);
            harness.Time.Advance(TimeSpan.FromTicks(1));
            await ClientHarness.Settled(call);

            Assert.Equal(2, harness.Sends);
        }

        [Fact]
        public async Task FailsFastAndExposesTheDelayWhenItExceedsTheTotalTimeout()
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Html(HttpStatusCode.ServiceUnavailable, "<html>maintenance</html>", "3600"), Reply.Json(Envelope.Validated));

            // The fake clock never moves, so the call can only end if the SDK does not wait.
            var exception = await Assert.ThrowsAsync<EnswitchProtocolException>(() => harness.ValidateCreateAsync());

            Assert.Equal(TimeSpan.FromHours(1), exception.RetryAfter);
            Assert.Equal(503, exception.HttpStatus);
            Assert.Equal(1, harness.Sends);
        }
    }

    public class ATooLargeBody
    {
        [Fact]
        public async Task IsRejectedByItsDeclaredLength()
        {
            var exception = await Expect.CreateFailsOnceAsync<EnswitchProtocolException>(
                Reply.Bytes(new byte[4096]),
                o => o.MaxResponseBytes = 1024);

            Assert.Contains("MaxResponseBytes", exception.Message, StringComparison.Ordinal);
            Assert.True(exception.OutcomeUnknown);
        }

        [Fact]
        public async Task IsAbandonedAtTheCapWhenItNeverEnds()
        {
            var endless = ForwardOnlyStream.Endless();

            var exception = await Expect.CreateFailsOnceAsync<EnswitchProtocolException>(
                Reply.With(HttpStatusCode.OK, () => new StreamContent(endless)),
                o => o.MaxResponseBytes = 1024);

            Assert.Contains("MaxResponseBytes", exception.Message, StringComparison.Ordinal);
            Assert.InRange(endless.BytesRead, 1025, 64 * 1024);
        }

        [Fact]
        public async Task IsAcceptedUpToTheCap()
        {
            var body = Envelope.Created123.PadRight(1024);
            using var harness = ClientHarness.Direct(o => o.MaxResponseBytes = 1024).Replies(Reply.Json(body));

            var result = await harness.CreateAsync();

            Assert.Equal(123, result.Id);
        }
    }

    public class ARedirect
    {
        [Theory]
        [InlineData(HttpStatusCode.Found)]
        [InlineData(HttpStatusCode.TemporaryRedirect)]
        public async Task IsNotFollowedNorRetried(HttpStatusCode status)
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Answer(() => new HttpResponseMessage(status) { Headers = { Location = new Uri("http://other.example.com/api/json/recording/groups/create/") } }));

            var exception = await Assert.ThrowsAsync<EnswitchProtocolException>(() => harness.ValidateCreateAsync());

            Assert.Equal((int)status, exception.HttpStatus);
            Assert.Equal(1, harness.Sends);
            Assert.All(harness.Received, r => Assert.StartsWith("http://enswitch.example.com/", r.Uri, StringComparison.Ordinal));
        }
    }
}
