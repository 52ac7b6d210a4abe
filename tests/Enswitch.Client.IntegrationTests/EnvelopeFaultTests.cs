using Enswitch.Client.Recording;
using Enswitch.Client.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The J rows of faults.md: envelopes and JSON that are odd, broken or hostile, served by the emulator
/// over real loopback sockets in place of its own answer.
/// </summary>
public abstract class EnvelopeFaultTests(ClientConstruction construction) : OnBothConstructionPaths(construction)
{
    private const string Create = "recording/groups/create";
    private const int AllAttempts = 1 + EnswitchClientOptions.DefaultMaxRetries;
    private const string Ok = """{"code":"200","key":"","message":"OK"}""";

    // A password whose raw and percent-encoded spellings differ (J8).
    private const string Secret = "J8 p@ss&w0rd;é";

    [Theory]
    [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":""")]
    [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":12}""")]
    [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":12},}""")]
    [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"},],"data":{"id":12}}""")]
    [InlineData("""{responses:[{"code":"200","key":"","message":"OK"}],"data":{"id":12}}""")]
    [InlineData("""{'responses':[{'code':'200','key':'','message':'OK'}],'data':{'id':12}}""")]
    [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":12}} {"extra":1}""")]
    [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}] /* comment */,"data":{"id":12}}""")]
    [InlineData("{\"responses\":[{\"code\":\"200\",\"key\":\"\",\"message\":\"OK\u0001\"}],\"data\":{\"id\":12}}")]
    [InlineData("""["responses",{"code":"200"}]""")]
    [InlineData("OK")]
    public async Task J1_TruncatedOrMalformedJson_IsProtocolError(string body)
    {
        var error = await AssertCreateIsProtocolErrorAsync(body);

        Assert.Equal(200, error.HttpStatus);
        Assert.NotEmpty(error.BodySnippet);
    }

    [Fact]
    public async Task J2_CodeAsANumber_IsAcceptedLikeAString()
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(Create, EmulatorFault.Envelope("""{"responses":[{"code":200,"key":"","message":"OK"}],"data":{"id":4242}}"""));
        h.Emulator.InjectFault(Create, EmulatorFault.Envelope("""{"responses":[{"code":201,"key":"","message":"Validation passed"}]}"""));

        var created = await CreateAsync(h);
        await h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("Support line"), cancellationToken: SdkHarness.Token);

        Assert.Equal(4242, created.Id);
        var requests = h.Emulator.RequestsTo(Create);
        Assert.Equal(2, requests.Count);
        Assert.Null(requests[0]["validation"]);
        Assert.Equal("1", requests[1]["validation"]);
    }

    [Theory]
    [InlineData("\"OK\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("2.5")]
    [InlineData("true")]
    [InlineData("\"2.5\"")]
    [InlineData("\" 200\"")]
    [InlineData("\"+200\"")]
    [InlineData("{\"value\":200}")]
    [InlineData("[200]")]
    [InlineData("20000000000")]
    public async Task J3_CodeThatIsNotAWholeNumber_IsProtocolError(string code)
    {
        await AssertCreateIsProtocolErrorAsync($$$"""{"responses":[{"code":{{{code}}},"key":"","message":"OK"}],"data":{"id":12}}""");
    }

    [Theory]
    [InlineData("""{"data":{"id":12}}""")]
    [InlineData("""{"responses":null,"data":{"id":12}}""")]
    [InlineData("""{"responses":[],"data":{"id":12}}""")]
    [InlineData("""{"responses":"200","data":{"id":12}}""")]
    [InlineData("""{}""")]
    public async Task J4_ResponsesMissingNullOrEmpty_IsProtocolError(string body)
    {
        await AssertCreateIsProtocolErrorAsync(body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task J5_TwoEntries200And400_IsAnErrorCarryingBoth(bool create)
    {
        await using var h = await StartAsync();
        var body = $$$"""{"responses":[{{{Ok}}},{"code":"400","key":"name","message":"Invalid name specified"}],"data":{"id":12}}""";
        h.Emulator.InjectFault(Create, EmulatorFault.Envelope(body), count: AllAttempts);

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => CallAsync(h, create));

        Assert.Equal(
            new[] { new EnswitchResponseEntry(200, string.Empty, "OK"), new EnswitchResponseEntry(400, "name", "Invalid name specified") },
            error.Responses);
        Assert.Equal("name", error.Key);
        Assert.Equal(400, error.Code);

        // A 400 entry is a well-formed refusal: the server validates before it writes anything.
        AssertRefusedOnce(h, error);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task J7_400WithKeyName_IsInvalidParameterException_NotRetried(bool create)
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(Create, EmulatorFault.Envelope("""{"responses":[{"code":"400","key":"name","message":"Invalid name specified"}]}"""), count: AllAttempts);

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => CallAsync(h, create));

        Assert.Equal("name", error.Key);
        Assert.Equal(400, error.Code);
        Assert.Equal("Invalid name specified", error.ServerMessage);
        Assert.Single(error.Responses);
        Assert.Contains("'name'", error.Message, StringComparison.Ordinal);
        AssertRefusedOnce(h, error);
    }

    [Theory]
    [InlineData(401, typeof(AuthenticationException), true)]
    [InlineData(401, typeof(AuthenticationException), false)]
    [InlineData(402, typeof(RoleDeniedException), true)]
    [InlineData(402, typeof(RoleDeniedException), false)]
    [InlineData(403, typeof(RatePlanDeniedException), true)]
    [InlineData(403, typeof(RatePlanDeniedException), false)]
    [InlineData(404, typeof(NotFoundException), true)]
    [InlineData(404, typeof(NotFoundException), false)]
    public async Task J8_401To404EchoingThePassword_AreTypedExceptions_NotRetried_NoCredentialInMessage(int code, Type expected, bool create)
    {
        await using var h = await StartAsync(o => o.Password = Secret);
        var message = $"Denied for auth_password={Uri.EscapeDataString(Secret)} (password {Secret})";
        var body = $$$"""{"responses":[{"code":"{{{code}}}","key":"auth_password","message":{{{Json(message)}}}}]}""";
        h.Emulator.InjectFault(Create, EmulatorFault.Envelope(body), count: AllAttempts);

        var error = await Assert.ThrowsAnyAsync<EnswitchApiException>(() => CallAsync(h, create));

        Assert.IsType(expected, error);
        Assert.Equal(code, error.Code);
        Assert.Contains("Denied for auth_password=", error.ServerMessage, StringComparison.Ordinal);
        AssertNoSecret(error, h);
        AssertRefusedOnce(h, error);
    }

    [Fact]
    public async Task J8_401FromTheServer_WrongPassword_IsAuthenticationException_NotRetried()
    {
        await AssertServerRefusesCreateAsync<AuthenticationException>(EnswitchEmulator.DefaultUsername, 401, _ => { });
    }

    [Fact]
    public async Task J8_402FromTheServer_RoleWithoutAdministrator_IsRoleDeniedException_NotRetried()
    {
        await AssertServerRefusesCreateAsync<RoleDeniedException>("recorder", 402, e => e.AddUser("recorder", Secret, EnswitchRoles.Record));
    }

    [Fact]
    public async Task J8_403FromTheServer_RatePlanDenies_IsRatePlanDeniedException_NotRetried()
    {
        await AssertServerRefusesCreateAsync<RatePlanDeniedException>("budget", 403, e => e.AddUser("budget", Secret, EnswitchRoles.All, Create));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task J9_Http500CarryingA400Envelope_TheEnvelopeCodeWins(bool create)
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(Create, EmulatorFault.Envelope("""{"responses":[{"code":"400","key":"name","message":"Invalid name specified"}]}""", statusCode: 500), count: AllAttempts);

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => CallAsync(h, create));

        Assert.Equal(500, error.HttpStatus);
        Assert.Equal(400, error.Code);
        Assert.Equal("name", error.Key);
        AssertRefusedOnce(h, error);
    }

    [Fact]
    public async Task J9_Http200CarryingCode500_TheEnvelopeCodeWins_CreateOutcomeUnknown()
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(Create, EmulatorFault.Envelope("""{"responses":[{"code":"500","key":"","message":"Internal error"}],"data":{"id":12}}"""), count: 2);

        var error = await Assert.ThrowsAsync<EnswitchApiException>(() => CreateAsync(h));

        Assert.Equal(200, error.HttpStatus);
        Assert.Equal(500, error.Code);
        Assert.Equal("Internal error", error.ServerMessage);
        AssertCreateOutcomeUnknown(h, error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(""","data":null""")]
    [InlineData(""","data":{}""")]
    [InlineData(""","data":{"name":"Support line"}""")]
    [InlineData(""","data":{"id":null}""")]
    [InlineData(""","data":{"id":0}""")]
    [InlineData(""","data":{"id":-5}""")]
    [InlineData(""","data":{"id":"-5"}""")]
    [InlineData(""","data":{"id":1.5}""")]
    [InlineData(""","data":{"id":1e3}""")]
    [InlineData(""","data":{"id":"abc"}""")]
    [InlineData(""","data":{"id":"12abc"}""")]
    [InlineData(""","data":{"id":""}""")]
    [InlineData(""","data":{"id":true}""")]
    [InlineData(""","data":{"id":{"value":12}}""")]
    [InlineData(""","data":{"id":[12]}""")]
    [InlineData(""","data":{"id":99999999999999999999}""")]
    [InlineData(""","data":12""")]
    public async Task J10_CreateWithoutAPositiveWholeDataId_IsProtocolError_OutcomeUnknown(string data)
    {
        var error = await AssertCreateIsProtocolErrorAsync($$$"""{"responses":[{{{Ok}}}]{{{data}}}}""");

        Assert.Equal(200, error.HttpStatus);
    }

    [Fact]
    public async Task J11_DataArrayWhereAnObjectIsExpected_IsProtocolErrorNamingTheFunction()
    {
        var error = await AssertCreateIsProtocolErrorAsync($$$"""{"responses":[{{{Ok}}}],"data":[{"id":12}]}""");

        Assert.Equal(Create, error.Function);
        Assert.Contains($"'{Create}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task J12_UnknownExtraFields_AreIgnored()
    {
        await using var h = await StartAsync();
        var body = """
            {"version":"4.4","responses":[{"code":"200","key":"","message":"OK","severity":"info","hints":[1,{"a":null}]}],
             "data":{"customer":1,"id":777,"name":"Support line","nested":{"id":-1,"list":[{"id":"x"}]},"flags":[true,false]},
             "debug":{"took_ms":3.5,"trace":null},"id":-9}
            """;
        h.Emulator.InjectFault(Create, EmulatorFault.Envelope(body));

        var created = await CreateAsync(h);

        Assert.Equal(777, created.Id);
        var request = Assert.Single(h.Emulator.RequestsTo(Create));
        Assert.Equal("Support line", request["name"]);
    }

    [Theory]
    [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":12}}""")]
    [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":12},"data":{"id":13}}""")]
    [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":12,"id":13}}""")]
    [InlineData("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":12,"\u0069d":13}}""")]
    [InlineData("""{"responses":[{"code":"400","code":"200","key":"","message":"OK"}],"data":{"id":12}}""")]
    [InlineData("""{"responses":[{"code":"200","key":"","key":"name","message":"OK"}],"data":{"id":12}}""")]
    [InlineData("""{"responses":[{"code":"200","key":null,"key":"name","message":"OK"}],"data":{"id":12}}""")]
    [InlineData("""{"responses":[{"code":"200","key":"","message":null,"message":"OK"}],"data":{"id":12}}""")]
    [InlineData("""{"responses":[{"code":"200","key":"","message":"OK","x":1,"x":2}],"data":{"id":12}}""")]
    [InlineData("""{"x":1,"responses":[{"code":"200","key":"","message":"OK"}],"x":2,"data":{"id":12}}""")]
    public async Task J13_DuplicatePropertyNames_AreRejected(string body)
    {
        await AssertCreateIsProtocolErrorAsync(body);
    }

    [Theory]
    [InlineData("data", "[", "]")]
    [InlineData("data", "{\"a\":", "}")]
    [InlineData("responses", "{\"a\":", "}")]
    [InlineData("extra", "[", "]")]
    [InlineData("extra", "{\"a\":", "}")]
    public async Task J14_Nesting10000Deep_IsProtocolError_NoStackOverflow(string property, string open, string close)
    {
        var deep = string.Concat(Enumerable.Repeat(open, 10_000)) + "1" + string.Concat(Enumerable.Repeat(close, 10_000));
        var body = property == "responses"
            ? $$$"""{"responses":{{{deep}}},"data":{"id":12}}"""
            : $$$"""{"responses":[{{{Ok}}}],"{{{property}}}":{{{deep}}}{{{(property == "data" ? string.Empty : ",\"data\":{\"id\":12}")}}}}""";
        await AssertCreateIsProtocolErrorAsync(body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task J15_Utf8BomBeforeTheJson_IsAccepted(bool create)
    {
        await using var h = await StartAsync();
        var body = create
            ? $$$"""{"responses":[{{{Ok}}}],"data":{"id":15}}"""
            : """{"responses":[{"code":"201","key":"","message":"Validation passed"}]}""";
        h.Emulator.InjectFault(Create, EmulatorFault.Envelope("\uFEFF" + body));

        if (create)
        {
            Assert.Equal(15, (await CreateAsync(h)).Id);
        }
        else
        {
            await h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("Support line"), cancellationToken: SdkHarness.Token);
        }

        var request = Assert.Single(h.Emulator.RequestsTo(Create));
        Assert.NotNull(request.Fault);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(500)]
    public async Task J17_OneMegabyteMessage_IsTruncatedInTheException(int code)
    {
        await using var h = await StartAsync();
        var message = new string('m', 1024 * 1024);
        h.Emulator.InjectFault(Create, EmulatorFault.Envelope($$$"""{"responses":[{"code":"{{{code}}}","key":"name","message":"{{{message}}}"}]}"""), count: 2);

        var error = await Assert.ThrowsAnyAsync<EnswitchApiException>(() => CreateAsync(h));

        Assert.Equal(code, error.Code);
        Assert.InRange(error.Message.Length, 1, 2000);
        Assert.InRange(error.ServerMessage.Length, 1, 1000);
        Assert.StartsWith("mmmm", error.ServerMessage, StringComparison.Ordinal);
        Assert.All(error.Responses, r => Assert.InRange(r.Message.Length, 1, 1000));
        Assert.Equal(1, error.Attempts);
        Assert.Single(h.Emulator.RequestsTo(Create));
    }

    [Fact]
    public async Task J17_CrLfInTheMessage_IsRemovedFromTheException()
    {
        await using var h = await StartAsync();
        var body = """{"responses":[{"code":"400","key":"na\r\nme","message":"Invalid name\r\nX-Injected: yes\nsecond line\rthird"}]}""";
        h.Emulator.InjectFault(Create, EmulatorFault.Envelope(body), count: 2);

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => CreateAsync(h));

        foreach (var text in new[] { error.Message, error.ServerMessage, error.Key, error.Responses[0].Message, error.Responses[0].Key })
        {
            Assert.DoesNotContain('\r', text);
            Assert.DoesNotContain('\n', text);
        }

        Assert.Contains("X-Injected: yes", error.ServerMessage, StringComparison.Ordinal);
        AssertRefusedOnce(h, error);
    }

    private static Task<CreateRecordGroupResult> CreateAsync(SdkHarness h) =>
        h.Groups.CreateAsync(new CreateRecordGroupRequest("Support line"), cancellationToken: SdkHarness.Token);

    private static Task CallAsync(SdkHarness h, bool create) =>
        create ? CreateAsync(h) : h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("Support line"), cancellationToken: SdkHarness.Token);

    /// <summary>
    /// Signs in as <paramref name="username"/> with the secret password, after <paramref name="arrange"/> has set
    /// up the emulator, and asserts the server's own refusal: the typed exception with <paramref name="code"/>,
    /// no secret anywhere, not retried.
    /// </summary>
    private async Task AssertServerRefusesCreateAsync<TException>(string username, int code, Action<EnswitchEmulator> arrange)
        where TException : EnswitchApiException
    {
        await using var h = await StartAsync(o =>
        {
            o.Username = username;
            o.Password = Secret;
        });
        arrange(h.Emulator);

        var error = await Assert.ThrowsAsync<TException>(() => CreateAsync(h));

        Assert.Equal(code, error.Code);
        AssertNoSecret(error, h);
        AssertRefusedOnce(h, error);
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    /// <summary>Answers a create with <paramref name="body"/> and asserts a protocol error, create outcome unknown.</summary>
    private async Task<EnswitchProtocolException> AssertCreateIsProtocolErrorAsync(string body)
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(Create, EmulatorFault.Envelope(body), count: 2);

        var error = await Assert.ThrowsAsync<EnswitchProtocolException>(() => CreateAsync(h));

        AssertCreateOutcomeUnknown(h, error);
        return error;
    }

    /// <summary>A create whose answer was not a well-formed refusal: not retried, outcome unknown.</summary>
    private static void AssertCreateOutcomeUnknown(SdkHarness h, EnswitchException error)
    {
        Assert.Equal(Create, error.Function);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, error.Attempts);
        Assert.Single(h.Emulator.RequestsTo(Create));
        Assert.Empty(h.Emulator.RecordGroups);
    }

    /// <summary>A well-formed refusal: never retried, and the caller knows nothing was done.</summary>
    private static void AssertRefusedOnce(SdkHarness h, EnswitchException error)
    {
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(1, error.Attempts);
        Assert.Single(h.Emulator.RequestsTo(Create));
        Assert.Empty(h.Emulator.RecordGroups);
    }

    private static void AssertNoSecret(EnswitchApiException error, SdkHarness h)
    {
        string[] forms = [Secret, Uri.EscapeDataString(Secret), Uri.EscapeDataString(Secret).Replace("%20", "+", StringComparison.Ordinal)];
        var texts = new List<string> { error.Message, error.ServerMessage, error.Key, error.ToString(), h.AllLogText() };
        texts.AddRange(error.Responses.Select(r => r.Message + " " + r.Key));
        foreach (var text in texts)
        {
            foreach (var form in forms)
            {
                Assert.DoesNotContain(form, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}

/// <summary>The envelope rows, with the client built by <c>AddEnswitchClient</c>.</summary>
public sealed class EnvelopeFaultTestsWithDependencyInjection() : EnvelopeFaultTests(ClientConstruction.DependencyInjection);

/// <summary>The envelope rows, with the client built by <c>EnswitchClient.Create</c>.</summary>
public sealed class EnvelopeFaultTestsWithCreate() : EnvelopeFaultTests(ClientConstruction.Create);
