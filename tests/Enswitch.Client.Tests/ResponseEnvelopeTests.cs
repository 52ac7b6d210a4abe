using System.Text;

namespace Enswitch.Client.Tests;

/// <summary>
/// The response envelope cases of faults.md (J1-J17), each through <c>CreateAsync</c> against a server
/// that answers HTTP 200 with the body under test.
/// </summary>
public class ResponseEnvelopeTests
{
    private const string Ok = """{"code":"200","key":"","message":"OK"}""";

    public class TheCodeOfAnEntry
    {
        [Fact]
        public async Task AcceptsANumberLikeAString()
        {
            Assert.Equal(123, await Expect.CreateAcceptsBodyAsync("""{"responses":[{"code":200,"key":"","message":"OK"}],"data":{"id":123}}"""));
        }

        [Fact]
        public async Task MapsANumericErrorCodeLikeAString()
        {
            var exception = await Expect.CreateFailsOnceAsync<InvalidParameterException>(Reply.Json("""{"responses":[{"code":400,"key":"name","message":"Bad"}]}"""));

            Assert.Equal("name", exception.Key);
        }

        [Theory]
        [InlineData("\"OK\"")]
        [InlineData("\"\"")]
        [InlineData("null")]
        [InlineData("2.5")]
        [InlineData("true")]
        [InlineData("\"2.5\"")]
        [InlineData("\" 200\"")]
        [InlineData("-200")]
        [InlineData("[200]")]
        public async Task RejectsAValueThatIsNotAWholeNumber(string code)
        {
            await Expect.CreateRejectsBodyAsync($$$"""{"responses":[{"code":{{{code}}},"key":"","message":"OK"}],"data":{"id":123}}""");
        }

        [Fact]
        public async Task RejectsAnEntryWithoutACode()
        {
            await Expect.CreateRejectsBodyAsync("""{"responses":[{"key":"","message":"OK"}],"data":{"id":123}}""");
        }

        [Theory]
        [InlineData(100)]
        [InlineData(302)]
        public async Task RejectsACodeThatIsNeitherSuccessNorError(int code)
        {
            var exception = await Expect.CreateRejectsBodyAsync($$$"""{"responses":[{"code":"{{{code}}}","key":"","message":"OK"}],"data":{"id":123}}""");

            Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), exception.Message, StringComparison.Ordinal);
        }
    }

    public class TheResponsesArray
    {
        [Theory]
        [InlineData("""{"data":{"id":123}}""")]
        [InlineData("""{"responses":null,"data":{"id":123}}""")]
        [InlineData("""{"responses":[],"data":{"id":123}}""")]
        [InlineData("""{"responses":"200","data":{"id":123}}""")]
        [InlineData("""{"responses":[200],"data":{"id":123}}""")]
        public async Task RejectsAMissingNullEmptyOrMalformedList(string body)
        {
            await Expect.CreateRejectsBodyAsync(body);
        }

        [Fact]
        public async Task TreatsAnyErrorEntryAsAnErrorAndKeepsEveryEntry()
        {
            var body = "{\"responses\":[" + Ok + """,{"code":"400","key":"name","message":"Name in use"}],"data":{"id":123}}""";

            var exception = await Expect.CreateFailsOnceAsync<InvalidParameterException>(Reply.Json(body));

            Assert.Equal(
                new[] { new EnswitchResponseEntry(200, string.Empty, "OK"), new EnswitchResponseEntry(400, "name", "Name in use") },
                exception.Responses);
            Assert.Equal("name", exception.Key);
            Assert.False(exception.OutcomeUnknown);
        }

        [Fact]
        public async Task AcceptsASingleObjectInsteadOfAList()
        {
            Assert.Equal(123, await Expect.CreateAcceptsBodyAsync("{\"responses\":" + Ok + ",\"data\":{\"id\":123}}"));
        }
    }

    public class TheDataOfACreate
    {
        [Theory]
        [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}]}""")]
        [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":null}""")]
        public async Task RejectsAMissingOrNullData(string body)
        {
            await Expect.CreateRejectsBodyAsync(body);
        }

        [Theory]
        [InlineData("{}")]
        [InlineData("""{"id":null}""")]
        [InlineData("""{"id":0}""")]
        [InlineData("""{"id":-5}""")]
        [InlineData("""{"id":1.5}""")]
        [InlineData("""{"id":"abc"}""")]
        [InlineData("""{"id":""}""")]
        [InlineData("""{"id":"-5"}""")]
        [InlineData("""{"id":true}""")]
        [InlineData("""{"id":{"value":1}}""")]
        [InlineData("""{"id":9223372036854775808}""")]
        public async Task RejectsAnIdThatIsMissingOrNotAPositiveWholeNumber(string data)
        {
            var exception = await Expect.CreateRejectsBodyAsync(Envelope.WithData(data));

            Assert.Contains("id", exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task RejectsAnArrayAndNamesTheFunction()
        {
            var exception = await Expect.CreateRejectsBodyAsync(Envelope.WithData("""[{"id":123}]"""));

            Assert.Contains("recording/groups/create", exception.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("""{"id":"123"}""", 123)]
        [InlineData("""{"id":9223372036854775807}""", long.MaxValue)]
        public async Task AcceptsAnIdAsADigitStringOrALargeNumber(string data, long id)
        {
            Assert.Equal(id, await Expect.CreateAcceptsBodyAsync(Envelope.WithData(data)));
        }
    }

    public class TheJsonText
    {
        [Theory]
        [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":12""")]
        [InlineData("""{"responses":[{"code":"200""")]
        [InlineData("""{responses:[{"code":"200","key":"","message":"OK"}],"data":{"id":123}}""")]
        [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":123},}""")]
        [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":123}} trailing""")]
        [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":123}}{}""")]
        [InlineData("""[{"code":"200"}]""")]
        [InlineData("\"OK\"")]
        [InlineData("OK")]
        [InlineData("   ")]
        public async Task RejectsTruncatedOrMalformedJson(string body)
        {
            await Expect.CreateRejectsBodyAsync(body);
        }

        [Fact]
        public async Task IgnoresUnknownFieldsEverywhere()
        {
            const string Body = """
                {"version":"4.4","responses":[{"code":"200","key":"","message":"OK","extra":{"a":[1,2,{"b":null}]}}],
                 "data":{"name":"example","id":123,"nested":{"id":999}},"meta":[true,false]}
                """;

            Assert.Equal(123, await Expect.CreateAcceptsBodyAsync(Body));
        }

        [Theory]
        [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":1}}""")]
        [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":1},"data":{"id":2}}""")]
        [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":1,"id":2}}""")]
        [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":1,"x":1,"x":2}}""")]
        [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"extra":1,"extra":2,"data":{"id":1}}""")]
        [InlineData("""{"responses":[{"code":"200","code":"400","key":"","message":"OK"}],"data":{"id":1}}""")]
        [InlineData("""{"responses":[{"code":"200","key":"","key":"name","message":"OK"}],"data":{"id":1}}""")]
        [InlineData("""{"responses":[{"code":"200","key":null,"key":"name","message":"OK"}],"data":{"id":1}}""")]
        [InlineData("""{"responses":[{"code":"200","key":"","message":null,"message":"OK"}],"data":{"id":1}}""")]
        [InlineData("""{"responses":[{"code":"200","key":"","message":"OK","x":1,"x":2}],"data":{"id":1}}""")]
        [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"respon\u0073es":[],"data":{"id":1}}""")]
        public async Task RejectsDuplicatePropertyNames(string body)
        {
            await Expect.CreateRejectsBodyAsync(body);
        }

        [Theory]
        [InlineData("data")]
        [InlineData("extra")]
        [InlineData("responses")]
        public async Task RejectsNesting10000DeepWithoutCrashing(string where)
        {
            var deep = new string('[', 10_000) + new string(']', 10_000);
            var body = where switch
            {
                "data" => Envelope.WithData(deep),
                "extra" => "{\"responses\":[" + Ok + "],\"extra\":" + deep + ",\"data\":{\"id\":1}}",
                _ => "{\"responses\":" + deep + "}",
            };

            var exception = await Expect.CreateRejectsBodyAsync(body);

            Assert.True(exception.BodySnippet.Length <= 301, "The snippet must stay short.");
        }

        [Theory]
        [InlineData(4096, -2, "\"123456789\"")]
        [InlineData(4096, 3, "123456789")]
        [InlineData(65536, -2, "\"123456789\"")]
        [InlineData(65536, 0, "\"123456789\"")]
        [InlineData(65536, 3, "\"123456789\"")]
        [InlineData(65536, -2, "123456789")]
        [InlineData(65536, 3, "123456789")]
        [InlineData(131072, 1, "\"123456789\"")]
        [InlineData(131072, 1, "123456789")]
        public async Task ReadsAnUnsizedBodyWhoseIdStraddlesAReadBuffer(int boundary, int shift, string id)
        {
            // The id's fifth character lands at boundary + shift, wherever the SDK splits its buffers.
            const string Head = "{\"pad\":\"";
            var tail = "\",\"responses\":[" + Ok + "],\"data\":{\"id\":";
            var pad = new string('x', boundary + shift - Head.Length - tail.Length - 4);
            var body = Head + pad + tail + id + "}}";

            using var harness = ClientHarness.Direct().Replies(Reply.Unsized(body));
            var result = await harness.CreateAsync();

            Assert.Equal(123456789, result.Id);
        }

        [Theory]
        [InlineData(-2)]
        [InlineData(0)]
        [InlineData(3)]
        public async Task ReadsAnUnsizedBodyWhoseNumericKeyStraddlesAReadBuffer(int shift)
        {
            const string Head = "{\"pad\":\"";
            const string Tail = "\",\"responses\":[{\"code\":\"400\",\"message\":\"Bad\",\"key\":";
            var body = Head + new string('x', 65536 + shift - Head.Length - Tail.Length - 3) + Tail + "1234567}]}";

            var exception = await Expect.CreateFailsOnceAsync<InvalidParameterException>(Reply.Unsized(body));

            Assert.Equal("1234567", exception.Key);
        }

        [Fact]
        public async Task AcceptsAUtf8ByteOrderMark()
        {
            using var harness = ClientHarness.Direct().Replies(Reply.Bytes([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Envelope.Created123)]));

            var result = await harness.CreateAsync();

            Assert.Equal(123, result.Id);
        }

        [Fact]
        public async Task RejectsInvalidUtf8()
        {
            var body = Encoding.UTF8.GetBytes("""{"responses":[{"code":"400","key":"","message":"XX"}]}""");
            body[Array.IndexOf(body, (byte)'X')] = 0xFF;

            var exception = await Expect.CreateFailsOnceAsync<EnswitchProtocolException>(Reply.Bytes(body));

            Assert.True(exception.OutcomeUnknown);
        }
    }

    public class TheServerMessage
    {
        [Fact]
        public async Task IsTruncatedWhenItIsOneMegabyte()
        {
            var huge = "start " + new string('x', 1024 * 1024);

            var exception = await Expect.CreateFailsOnceAsync<InvalidParameterException>(Reply.Json(Envelope.Code(400, "name", huge)));

            Assert.StartsWith("start xxx", exception.ServerMessage, StringComparison.Ordinal);
            Assert.InRange(exception.ServerMessage.Length, 1, 501);
            Assert.InRange(exception.Message.Length, 1, 2000);
            Assert.InRange(exception.Responses[0].Message.Length, 1, 501);
        }

        [Fact]
        public async Task HasItsLineBreaksRemoved()
        {
            var exception = await Expect.CreateFailsOnceAsync<InvalidParameterException>(
                Reply.Json(Envelope.Code(400, "na\r\nme", "first line\r\nInjected: log line\nthird\r")));

            Assert.Equal("first line  Injected: log line third ", exception.ServerMessage);
            Assert.Equal("na  me", exception.Key);
            Assert.DoesNotContain('\r', exception.Message);
            Assert.DoesNotContain('\n', exception.Message);
            Assert.DoesNotContain('\n', exception.Responses[0].Message);
        }

        [Fact]
        public async Task IsTruncatedAndFreeOfLineBreaksWhenBothAtOnce()
        {
            var huge = string.Concat(Enumerable.Repeat("line\r\n", 200_000));

            var exception = await Expect.CreateFailsOnceAsync<AuthenticationException>(Reply.Json(Envelope.Code(401, string.Empty, huge)));

            Assert.InRange(exception.Message.Length, 1, 2000);
            Assert.DoesNotContain('\r', exception.Message);
            Assert.DoesNotContain('\n', exception.Message);
            Assert.DoesNotContain('\n', exception.ServerMessage);
        }
    }
}
