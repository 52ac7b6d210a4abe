using System.Net;
using Enswitch.Client.Recording;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Enswitch.Client.Tests;

public class RecordGroupsClientTests
{
    private const string EveryParameterWire =
        "name=example;customer=42;description=Front%20desk;email=rec%40example.com;expires=30;fraction=50;beep=15;" +
        "message=inbound_outbound;owner=7;record_in=1;record_out=0";

    // GET mode writes '@' (and ':', '/', ',') unencoded, as the guide's example URLs do; a form body encodes it.
    private static string EveryParameterWireFor(EnswitchRequestMethod method) =>
        method == EnswitchRequestMethod.Get ? EveryParameterWire.Replace("%40", "@", StringComparison.Ordinal) : EveryParameterWire;

    private static readonly CreateRecordGroupRequest EveryParameter = new("example")
    {
        CustomerId = 42,
        Description = "Front desk",
        Email = "rec@example.com",
        ExpiryDays = 30,
        SavePercentage = 50,
        BeepIntervalSeconds = 15,
        Announcement = RecordingAnnouncement.InboundOutbound,
        OwnerId = 7,
        RecordInbound = true,
        RecordOutbound = false,
        Transcribe = true,
    };

    public class TheConstructor
    {
        [Fact]
        public async Task WorksWithoutDependencyInjection()
        {
            using var mock = new MockHttpMessageHandler();
            var expected = mock.Expect(HttpMethod.Post, TestOptions.CreateUrl).Respond("application/json", Envelope.Created123);
            var client = new RecordGroupsClient(mock.ToHttpClient(), TestOptions.Create());

            var result = await client.CreateAsync(new CreateRecordGroupRequest("example"), cancellationToken: ClientHarness.Token);

            Assert.Equal(123, result.Id);
            Assert.Equal(1, mock.GetMatchCount(expected));
        }

        [Fact]
        public void ThrowsOptionsValidationExceptionForInvalidOptions()
        {
            using var mock = new MockHttpMessageHandler();
            var options = TestOptions.Create(o => o.BaseAddress = new Uri("http://pbx.example.com/?x=1"));

            var exception = Assert.Throws<OptionsValidationException>(() => new RecordGroupsClient(mock.ToHttpClient(), options));

            Assert.Contains("BaseAddress", exception.Message, StringComparison.Ordinal);
        }
    }

    public class TheCreateAsyncMethod
    {
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task SendsTheGuidesExampleUrlExactlyInGetMode(bool throughDependencyInjection)
        {
            using var harness = ClientHarness.Create(throughDependencyInjection, o => o.RequestMethod = EnswitchRequestMethod.Get);

            var result = await harness.CreateAsync(new CreateRecordGroupRequest("example"));

            Assert.Equal(123, result.Id);
            WireForm.AssertGuideExample(harness.Received);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task PostsAFormBodyWithTheCredentialsFirstAndNoQueryString(bool throughDependencyInjection)
        {
            using var harness = ClientHarness.Create(throughDependencyInjection);

            await harness.CreateAsync(new CreateRecordGroupRequest("example"));

            WireForm.AssertGuideExampleAsForm(harness.Received);
        }

        [Theory]
        [InlineData(EnswitchRequestMethod.Post)]
        [InlineData(EnswitchRequestMethod.Get)]
        public async Task SendsOnlyTheParametersThatAreSet(EnswitchRequestMethod method)
        {
            using var harness = ClientHarness.Direct(o => o.RequestMethod = method);

            await harness.CreateAsync(new CreateRecordGroupRequest("example") { SavePercentage = 0, Transcribe = false });

            Assert.Equal(
                "auth_username=user;auth_password=password;name=example;fraction=0;transcribe=0",
                WireForm.TextOf(Assert.Single(harness.Received)));
        }

        [Theory]
        [InlineData(EnswitchRequestMethod.Post)]
        [InlineData(EnswitchRequestMethod.Get)]
        public async Task SendsEveryParameterWithItsWireNameInTheGuidesOrder(EnswitchRequestMethod method)
        {
            using var harness = ClientHarness.Direct(o => o.RequestMethod = method);

            await harness.CreateAsync(EveryParameter);

            Assert.Equal(
                "auth_username=user;auth_password=password;" + EveryParameterWireFor(method) + ";transcribe=1",
                WireForm.TextOf(Assert.Single(harness.Received)));
        }

        [Theory]
        [InlineData(RecordingAnnouncement.None, "")]
        [InlineData(RecordingAnnouncement.All, "all")]
        [InlineData(RecordingAnnouncement.Inbound, "inbound")]
        [InlineData(RecordingAnnouncement.InboundOutbound, "inbound_outbound")]
        [InlineData(RecordingAnnouncement.Internal, "internal")]
        [InlineData(RecordingAnnouncement.Outbound, "outbound")]
        public async Task SendsEachAnnouncementAsItsDocumentedString(RecordingAnnouncement announcement, string wire)
        {
            using var harness = ClientHarness.Direct();

            await harness.CreateAsync(new CreateRecordGroupRequest("example") { Announcement = announcement });

            Assert.Equal($"auth_username=user&auth_password=password&name=example&message={wire}", Assert.Single(harness.Received).Body);
        }

        [Theory]
        [InlineData(true, "1")]
        [InlineData(false, "0")]
        public async Task SendsBooleansAsOneOrZero(bool value, string wire)
        {
            using var harness = ClientHarness.Direct();

            await harness.CreateAsync(new CreateRecordGroupRequest("example") { RecordInbound = value, RecordOutbound = value, Transcribe = value });

            Assert.EndsWith($"&record_in={wire}&record_out={wire}&transcribe={wire}", Assert.Single(harness.Received).Body, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(EnswitchRequestMethod.Post)]
        [InlineData(EnswitchRequestMethod.Get)]
        public async Task PercentEncodesEveryValueSoItArrivesIntact(EnswitchRequestMethod method)
        {
            const string Value = "x&y=z;a+b%c d é😀";
            const string Encoded = "x%26y%3Dz%3Ba%2Bb%25c%20d%20%C3%A9%F0%9F%98%80";
            using var harness = ClientHarness.Direct(o =>
            {
                o.RequestMethod = method;
                o.Username = "user;" + Value;
                o.Password = Value;
            });

            await harness.CreateAsync(new CreateRecordGroupRequest(Value) { Description = Value, Email = Value });

            var request = Assert.Single(harness.Received);
            Assert.Equal(
                $"auth_username=user%3B{Encoded};auth_password={Encoded};name={Encoded};description={Encoded};email={Encoded}",
                WireForm.TextOf(request));
            Assert.Equal(
                new KeyValuePair<string, string>[]
                {
                    new("auth_username", "user;" + Value),
                    new("auth_password", Value),
                    new("name", Value),
                    new("description", Value),
                    new("email", Value),
                },
                WireForm.ParametersOf(request));
        }

        [Fact]
        public async Task ReturnsTheIdOfTheGuidesExampleAnswer()
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.Created123));

            var result = await harness.CreateAsync();

            Assert.Equal(new CreateRecordGroupResult(123), result);
        }

        [Theory]
        [InlineData(400, typeof(InvalidParameterException), false)]
        [InlineData(401, typeof(AuthenticationException), false)]
        [InlineData(402, typeof(RoleDeniedException), false)]
        [InlineData(403, typeof(RatePlanDeniedException), false)]
        [InlineData(404, typeof(NotFoundException), false)]
        [InlineData(418, typeof(EnswitchApiException), false)]
        [InlineData(500, typeof(EnswitchApiException), true)]
        public async Task ThrowsTheTypedExceptionForAnErrorCodeOnHttp200WithoutRetrying(int code, Type expected, bool outcomeUnknown)
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.Code(code, "name", "Rejected")));

            var exception = await Assert.ThrowsAnyAsync<EnswitchApiException>(() => harness.CreateAsync());

            Assert.Equal(expected, exception.GetType());
            Assert.Equal(code, exception.Code);
            Assert.Equal(200, exception.HttpStatus);
            Assert.Equal("recording/groups/create", exception.Function);
            Assert.Equal(outcomeUnknown, exception.OutcomeUnknown);
            Assert.Equal(1, exception.Attempts);
            Assert.Equal(1, harness.Sends);
        }

        [Fact]
        public async Task NamesTheRejectedParameterAndQuotesTheServer()
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.Code(400, "name", "Name already in use")));

            var exception = await Assert.ThrowsAsync<InvalidParameterException>(() => harness.CreateAsync());

            Assert.Equal("name", exception.Key);
            Assert.Equal("Name already in use", exception.ServerMessage);
            Assert.Equal(new[] { new EnswitchResponseEntry(400, "name", "Name already in use") }, exception.Responses);
            Assert.Contains("'name'", exception.Message, StringComparison.Ordinal);
            Assert.Contains("Name already in use", exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task LetsTheEnvelopeCodeWinOverAnHttp500Status()
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.Code(400, "name", "Invalid name"), HttpStatusCode.InternalServerError));

            var exception = await Assert.ThrowsAsync<InvalidParameterException>(() => harness.CreateAsync());

            Assert.Equal(500, exception.HttpStatus);
            Assert.Equal("name", exception.Key);
            Assert.False(exception.OutcomeUnknown);
            Assert.Equal(1, harness.Sends);
        }

        [Theory]
        [InlineData("Name", "")]
        [InlineData("Name", "   ")]
        [InlineData("Name", "\t\n")]
        public async Task RejectsABlankNameBeforeSendingAnything(string property, string name)
        {
            using var harness = ClientHarness.Direct();

            var exception = await Assert.ThrowsAnyAsync<ArgumentException>(() => harness.CreateAsync(new CreateRecordGroupRequest(name)));

            Assert.Equal(property, exception.ParamName);
            Assert.Equal(0, harness.Sends);
        }

        [Theory]
        [InlineData("SavePercentage", -1)]
        [InlineData("SavePercentage", 101)]
        [InlineData("ExpiryDays", -1)]
        [InlineData("BeepIntervalSeconds", -1)]
        [InlineData("CustomerId", 0)]
        [InlineData("CustomerId", -3)]
        [InlineData("OwnerId", -1)]
        [InlineData("Announcement", 99)]
        public async Task RejectsAnOutOfRangeValueBeforeSendingAnything(string property, int value)
        {
            using var harness = ClientHarness.Direct();

            var exception = await Assert.ThrowsAnyAsync<ArgumentException>(() => harness.CreateAsync(WithValue(property, value)));

            Assert.Equal(property, exception.ParamName);
            Assert.Equal(0, harness.Sends);
        }

        [Theory]
        [InlineData("SavePercentage", 0, "fraction=0")]
        [InlineData("SavePercentage", 100, "fraction=100")]
        [InlineData("ExpiryDays", 0, "expires=0")]
        [InlineData("BeepIntervalSeconds", 0, "beep=0")]
        [InlineData("CustomerId", 1, "customer=1")]
        [InlineData("OwnerId", 0, "owner=0")]
        public async Task AcceptsAndSendsTheBoundaryValues(string property, int value, string wire)
        {
            using var harness = ClientHarness.Direct();

            await harness.CreateAsync(WithValue(property, value));

            Assert.Equal($"auth_username=user&auth_password=password&name=example&{wire}", Assert.Single(harness.Received).Body);
        }

        [Fact]
        public async Task ThrowsArgumentNullExceptionForANullRequest()
        {
            using var harness = ClientHarness.Direct();

            await Assert.ThrowsAsync<ArgumentNullException>(() => harness.Client.CreateAsync(null!, cancellationToken: ClientHarness.Token));

            Assert.Equal(0, harness.Sends);
        }

        private static CreateRecordGroupRequest WithValue(string property, int value)
        {
            var request = new CreateRecordGroupRequest("example");
            return property switch
            {
                "SavePercentage" => request with { SavePercentage = value },
                "ExpiryDays" => request with { ExpiryDays = value },
                "BeepIntervalSeconds" => request with { BeepIntervalSeconds = value },
                "CustomerId" => request with { CustomerId = value },
                "OwnerId" => request with { OwnerId = value },
                "Announcement" => request with { Announcement = (RecordingAnnouncement)value },
                _ => throw new ArgumentOutOfRangeException(nameof(property), property, "No such property in this test."),
            };
        }
    }

    public class TheValidateCreateAsyncMethod
    {
        [Theory]
        [InlineData(EnswitchRequestMethod.Post)]
        [InlineData(EnswitchRequestMethod.Get)]
        public async Task AddsValidationOneWhereTheGuidePlacesIt(EnswitchRequestMethod method)
        {
            using var harness = ClientHarness.Direct(o => o.RequestMethod = method).Replies(Reply.Json(Envelope.Validated));

            await harness.ValidateCreateAsync(EveryParameter);

            Assert.Equal(
                "auth_username=user;auth_password=password;" + EveryParameterWireFor(method) + ";validation=1;transcribe=1",
                WireForm.TextOf(Assert.Single(harness.Received)));
        }

        [Fact]
        public async Task CompletesWhenTheServerAnswersCode201()
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.Validated));

            await harness.ValidateCreateAsync();

            Assert.EndsWith("&name=example&validation=1", Assert.Single(harness.Received).Body, StringComparison.Ordinal);
        }

        [Fact]
        public async Task RejectsACode200AnswerWithoutRetryingIt()
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.Created123));

            var exception = await Assert.ThrowsAsync<EnswitchProtocolException>(() => harness.ValidateCreateAsync());

            Assert.Contains("201", exception.Message, StringComparison.Ordinal);
            Assert.Equal(200, exception.HttpStatus);
            Assert.True(exception.OutcomeUnknown, "A server that ignored validation=1 may have created the group.");
            Assert.Equal(1, harness.Sends);
        }

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(402)]
        [InlineData(403)]
        [InlineData(404)]
        [InlineData(418)]
        public async Task DoesNotRetryAClientErrorCode(int code)
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.Code(code)));

            var exception = await Assert.ThrowsAnyAsync<EnswitchApiException>(() => harness.ValidateCreateAsync());

            Assert.Equal(code, exception.Code);
            Assert.False(exception.OutcomeUnknown);
            Assert.Equal(1, harness.Sends);
        }

        [Fact]
        public async Task RetriesAServerErrorCodeBecauseNothingIsWritten()
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.Code(500, string.Empty, "Database busy")), Reply.Json(Envelope.Validated));

            await harness.ValidateCreateAsync();

            Assert.Equal(2, harness.Sends);
        }

        [Fact]
        public async Task RejectsAnInvalidArgumentBeforeSendingAnything()
        {
            using var harness = ClientHarness.Direct();

            var exception = await Assert.ThrowsAnyAsync<ArgumentException>(() => harness.ValidateCreateAsync(new CreateRecordGroupRequest("example") { SavePercentage = 120 }));

            Assert.Equal("SavePercentage", exception.ParamName);
            Assert.Equal(0, harness.Sends);
        }
    }
}
