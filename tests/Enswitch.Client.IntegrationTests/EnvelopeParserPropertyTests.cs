using System.Text;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Enswitch.Client.Transport;
using FsCheck;
using FsCheck.Fluent;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// faults.md J19: whatever bytes arrive, the envelope parser (and the create's data reader, which the
/// transport runs on the same body) returns a result or throws <see cref="EnvelopeFormatException"/>,
/// which the transport turns into <see cref="EnswitchProtocolException"/>; never any other exception.
/// </summary>
public class EnvelopeParserPropertyTests
{
    private const string Create = "recording/groups/create";
    private const int ParserCases = 3000;
    private const int ClientCasesPerOutcome = 20;

    private static readonly string[] ValidEnvelopes =
    [
        """{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":123}}""",
        """{"responses":[{"code":"201","key":"","message":"Validation passed"}]}""",
        """{"responses":[{"code":"400","key":"name","message":"Invalid name specified"},{"code":"400","key":"fraction","message":"Invalid fraction"}]}""",
        """{"responses":{"code":200,"key":"","message":"OK"},"data":{"id":"42","name":"x"}}""",
        "\uFEFF{\"responses\":[{\"code\":\"200\",\"key\":\"\",\"message\":\"caf\u00e9 \\u00e9 \\ud83d\\ude00\"}],\"data\":{\"id\":7,\"list\":[1,2.5,null,true,{\"a\":[]}]}}",
    ];

    private static readonly string[] Keys =
        ["responses", "code", "key", "message", "data", "id", "\\u0069d", "", "x", "\\ud800", "\\udc00\\ud800", "caf\u00e9", "\\u0000"];

    private static readonly string[] Scalars =
    [
        "\"200\"", "\"201\"", "\"204\"", "\"400\"", "\"404\"", "\"500\"", "200", "201", "400", "500", "99", "1000", "-200", "2.5", "2e2",
        "\"OK\"", "\"\"", "null", "true", "false", "0", "-1", "1", "12", "\"12\"", "\"-3\"", "\"+3\"", "\"1.5\"", "\"\\u0031\"",
        "99999999999999999999", "-99999999999999999999", "1e400", "\"\\ud800\"", "\"\\u0000\"", "\"caf\u00e9\"", "\"\\\"\"", "\"\\\\\"",
    ];

    private static readonly string JsonChars = "{}[]\":,\\ 0123456789-+.eEntrufalsdi\u00e9\uFEFF\r\n\t\u0001";

    private static readonly byte[] InterestingBytes =
        [.. Encoding.ASCII.GetBytes("{}[]\":,\\ 019-+.eEnul"), 0x00, 0x01, 0x7F, 0x80, 0xBB, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xFE, 0xFF];

    [Fact]
    public void J19_ArbitraryBytes_ParseToAnEnvelopeOrEnvelopeFormatException()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(ParserCases), Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), HoldsTheContract));
    }

    [Fact]
    public void J19_MutatedValidEnvelopes_ParseToAnEnvelopeOrEnvelopeFormatException()
    {
        var mutated =
            from envelope in Gen.Elements(ValidEnvelopes)
            from bytes in MutatedBytes(Encoding.UTF8.GetBytes(envelope))
            select bytes;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(ParserCases), Prop.ForAll(mutated.ToArbitrary(), HoldsTheContract));
    }

    [Fact]
    public void J19_RandomEnvelopeShapes_ParseToAnEnvelopeOrEnvelopeFormatException()
    {
        var shapes =
            from envelope in EnvelopeShape()
            from bytes in Gen.Frequency((2, Gen.Constant(Encoding.UTF8.GetBytes(envelope))), (1, MutatedBytes(Encoding.UTF8.GetBytes(envelope))))
            select bytes;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(ParserCases), Prop.ForAll(shapes.ToArbitrary(), HoldsTheContract));
    }

    [Fact]
    public void J19_TheGeneratorsReachEveryOutcome()
    {
        // Guards the properties above against generators that only ever produce garbage.
        var outcomes = EnvelopeShape().Select(s => Expect(Encoding.UTF8.GetBytes(s)).Kind).Sample(2000);

        Assert.Contains(Outcome.Created, outcomes);
        Assert.Contains(Outcome.ApiError, outcomes);
        Assert.Contains(Outcome.ProtocolError, outcomes);
    }

    [Fact]
    public async Task J19_ThroughTheClient_ASampleEndsAsAResultOrATypedError_AsTheParserPredicts()
    {
        await using var h = await SdkHarness.StartAsync();

        // Up to a score of each outcome, so successes and refusals are sampled as well as garbage.
        var bodies = ClientBody().Sample(400)
            .GroupBy(b => Expect(Encoding.UTF8.GetBytes(b)).Kind)
            .SelectMany(g => g.Take(ClientCasesPerOutcome))
            .Concat(ArbMap.Default.ArbFor<string>().Generator.Where(s => s is not null).Sample(10))
            .ToList();

        for (var i = 0; i < bodies.Count; i++)
        {
            var body = bodies[i];
            var expected = Expect(Encoding.UTF8.GetBytes(body));
            h.Emulator.InjectFault(Create, EmulatorFault.Envelope(body));
            CreateRecordGroupResult? result = null;

            var error = await Record.ExceptionAsync(async () => result = await h.Groups.CreateAsync(new CreateRecordGroupRequest("Support line"), cancellationToken: SdkHarness.Token));

            var context = $"body {Encoding.UTF8.GetByteCount(body)} bytes: {body}; expected {expected}; got {error?.ToString() ?? "id " + result?.Id}";
            switch (expected.Kind)
            {
                case Outcome.Created:
                    Assert.True(error is null && result?.Id == expected.Id, context);
                    break;
                case Outcome.ApiError:
                    // A refusal (4xx) is known not to have been applied; a server error code (5xx) is not.
                    Assert.True(
                        error is EnswitchApiException api && api.Code == expected.Code && api.Responses.Count == expected.Entries && api.OutcomeUnknown == expected.Code >= 500,
                        context);
                    break;
                default:
                    Assert.True(error is EnswitchProtocolException { OutcomeUnknown: true, Attempts: 1 }, context);
                    break;
            }

            // A create is never retried on an answer, whatever it was.
            Assert.Equal(i + 1, h.Emulator.RequestsTo(Create).Count);
        }

        Assert.Empty(h.Emulator.RecordGroups);
    }

    [Theory]
    [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"\udc00":1,"id":5}}""")]
    [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":5,"\ud800x":1}}""")]
    public async Task J19_ThroughTheClient_ALoneSurrogateNameInData_IsProtocolError(string body)
    {
        await using var h = await SdkHarness.StartAsync();
        h.Emulator.InjectFault(Create, EmulatorFault.Envelope(body), count: 2);

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("Support line"), cancellationToken: SdkHarness.Token));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, error.Attempts);
        Assert.Single(h.Emulator.RequestsTo(Create));
        Assert.Empty(h.Emulator.RecordGroups);
    }

    private static void HoldsTheContract(byte[] body)
    {
        EnswitchEnvelope envelope;
        try
        {
            envelope = EnvelopeParser.Parse(body);
        }
        catch (EnvelopeFormatException)
        {
            return;
        }

        Assert.NotEmpty(envelope.Responses);
        Assert.All(envelope.Responses, r => Assert.InRange(r.Code, 100, 999));

        // The transport runs the create's data reader on the same body, inside the same catch.
        try
        {
            Assert.True(DataReader.ReadCreatedId(envelope) > 0);
        }
        catch (EnvelopeFormatException)
        {
        }
    }

    /// <summary>What the client must do with a body, worked out from the parser directly.</summary>
    private static Expectation Expect(byte[] body)
    {
        EnswitchEnvelope envelope;
        try
        {
            envelope = EnvelopeParser.Parse(body);
        }
        catch (EnvelopeFormatException)
        {
            return new(Outcome.ProtocolError, 0, 0, 0);
        }

        if (envelope.FirstFailure() is { } failure)
        {
            return failure.Code >= 400
                ? new(Outcome.ApiError, 0, failure.Code, envelope.Responses.Count)
                : new(Outcome.ProtocolError, 0, 0, 0);
        }

        try
        {
            return new(Outcome.Created, DataReader.ReadCreatedId(envelope), envelope.Code, envelope.Responses.Count);
        }
        catch (EnvelopeFormatException)
        {
            return new(Outcome.ProtocolError, 0, 0, 0);
        }
    }

    /// <summary>Bodies the emulator can send (text): random envelope shapes, some with characters mutated.</summary>
    private static Gen<string> ClientBody() =>
        from envelope in Gen.OneOf(EnvelopeShape(), Gen.Elements(ValidEnvelopes))
        from mutations in Gen.Choose(0, 3)
        from edits in Edit(Gen.Choose(0, 2), Gen.Elements(JsonChars.ToCharArray())).ArrayOf(mutations)
        select ApplyCharEdits(envelope, edits);

    /// <summary>One edit: what to do, where (taken modulo the length), and with which value.</summary>
    private static Gen<(int Kind, int Position, T Value)> Edit<T>(Gen<int> kinds, Gen<T> values) =>
        from kind in kinds
        from position in Gen.Choose(0, int.MaxValue)
        from value in values
        select (kind, position, value);

    private static string ApplyCharEdits(string text, (int Kind, int Position, char Value)[] edits)
    {
        var builder = new StringBuilder(text);
        foreach (var (kind, position, value) in edits)
        {
            var at = position % (builder.Length + 1);
            if (kind == 0 || builder.Length == 0)
            {
                builder.Insert(at, value);
            }
            else if (at < builder.Length)
            {
                if (kind == 1)
                {
                    builder[at] = value;
                }
                else
                {
                    builder.Remove(at, 1);
                }
            }
        }

        return builder.ToString();
    }

    private static Gen<byte[]> MutatedBytes(byte[] original) =>
        from count in Gen.Choose(1, 4)
        from edits in Edit(Gen.Choose(0, 5), Gen.OneOf(Gen.Elements(InterestingBytes), Gen.Choose(0, 255).Select(b => (byte)b))).ArrayOf(count)
        select ApplyByteEdits(original, edits);

    private static byte[] ApplyByteEdits(byte[] original, (int Kind, int Position, byte Value)[] edits)
    {
        var bytes = new List<byte>(original);
        foreach (var (kind, position, value) in edits)
        {
            var at = position % (bytes.Count + 1);
            switch (kind)
            {
                case 0:
                    bytes.Insert(at, value);
                    break;
                case 1 when at < bytes.Count:
                    bytes[at] = value;
                    break;
                case 2 when at < bytes.Count:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4 when at < bytes.Count:
                    // Repeat a slice, which duplicates properties, entries and brackets.
                    var length = Math.Min(value + 1, bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 5 when at < bytes.Count:
                    var other = value % bytes.Count;
                    (bytes[at], bytes[other]) = (bytes[other], bytes[at]);
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Envelope-like JSON: the right property names with wrong, odd, duplicated or deep values.</summary>
    private static Gen<string> EnvelopeShape()
    {
        var entry =
            from code in Gen.Frequency((8, Gen.Elements("\"200\"", "200")), (3, Gen.Elements("\"400\"", "\"404\"", "\"500\"")), (2, Gen.Elements(Scalars)), (1, Value(1)))
            from key in Gen.Elements(Scalars)
            from message in Gen.Elements(Scalars)
            from extras in Gen.Choose(0, 1)
            from extra in Property(1).ArrayOf(extras)
            from order in Gen.Shuffle(new[] { "\"code\":" + code, "\"key\":" + key, "\"message\":" + message }.Concat(extra))
            from keep in Gen.Frequency((8, Gen.Constant(order.Length)), (1, Gen.Choose(0, order.Length)))
            select "{" + string.Join(",", order.Take(keep)) + "}";
        var responses = Gen.Frequency(
            (8, Gen.Choose(1, 3).SelectMany(n => entry.ArrayOf(n)).Select(e => "[" + string.Join(",", e) + "]")),
            (1, entry),
            (1, Value(2)));
        var data = Gen.Frequency(
            (5, Gen.Elements("1", "12", "\"42\"", "9007199254740993").Select(id => "{\"id\":" + id + "}")),
            (4, Gen.Elements(Scalars).Select(id => "{\"id\":" + id + "}")),
            (2, Property(2).ArrayOf(2).Select(p => "{\"id\":12," + string.Join(",", p) + "}")),
            (2, Value(3)));
        return
            from r in responses
            from d in data
            from extras in Gen.Choose(0, 2).SelectMany(n => Property(2).ArrayOf(n))
            from parts in Gen.Shuffle(new[] { "\"responses\":" + r, "\"data\":" + d }.Concat(extras))
            from keep in Gen.Frequency((10, Gen.Constant(parts.Length)), (1, Gen.Choose(0, parts.Length)))
            select "{" + string.Join(",", parts.Take(keep)) + "}";
    }

    private static Gen<string> Property(int depth) =>
        from key in Gen.Elements(Keys)
        from value in Value(depth)
        select "\"" + key + "\":" + value;

    private static Gen<string> Value(int depth) =>
        depth == 0
            ? Gen.Elements(Scalars)
            : Gen.Frequency(
                (4, Gen.Elements(Scalars)),
                (1, Gen.Choose(0, 3).SelectMany(n => Property(depth - 1).ArrayOf(n)).Select(p => "{" + string.Join(",", p) + "}")),
                (1, Gen.Choose(0, 3).SelectMany(n => Value(depth - 1).ArrayOf(n)).Select(v => "[" + string.Join(",", v) + "]")));

    private enum Outcome
    {
        Created,
        ApiError,
        ProtocolError,
    }

    private sealed record Expectation(Outcome Kind, long Id, int Code, int Entries);
}
