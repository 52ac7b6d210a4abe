using System.Net.Http;
using System.Text.Json;
using Enswitch.Client.Transport;

namespace Enswitch.Client.Tests;

/// <summary>
/// The function catalogue (api/*.json) against the guide's function list, the generated descriptors against the
/// catalogue, and the raw call driven by it: kind, authentication, versions and secrets per function.
/// </summary>
public class FunctionCatalogueTests
{
    public static TheoryData<string> CataloguedFunctions() => [.. FunctionCatalogue.Names.Order(StringComparer.Ordinal)];

    public static TheoryData<string> FunctionsWithAnExampleUrl() =>
        [.. TypedSurface.Catalogue.Where(f => f.Value.TryGetProperty("exampleUrl", out _)).Select(f => f.Key).Order(StringComparer.Ordinal)];

    // The guide's example URL (as the catalogue records it, errata corrected) taken apart into base address,
    // credentials and parameters, and sent in GET mode: the SDK puts back exactly the same URL. Where the guide
    // shows a function that takes credentials without them, the SDK sends its credentials first.
    [Theory]
    [MemberData(nameof(FunctionsWithAnExampleUrl))]
    public async Task RawCall_InGetMode_ReproducesTheGuidesExampleUrl_ByteForByte(string function)
    {
        var example = TypedSurface.Catalogue[function].GetProperty("exampleUrl").GetString()!;
        var at = example.IndexOf("api/json/" + function + "/", StringComparison.Ordinal);
        Assert.True(at > 0, $"the example URL {example} does not call {function}");
        var query = example.Contains('?', StringComparison.Ordinal) ? example[(example.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty;
        var pairs = query.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p.Length > 1 ? p[1] : string.Empty)))
            .ToList();
        var username = pairs.FirstOrDefault(p => p.Key == "auth_username").Value ?? "user";
        var password = pairs.FirstOrDefault(p => p.Key == "auth_password").Value ?? "password";
        using var harness = ClientHarness.Direct(o =>
        {
            o.BaseAddress = new Uri(example[..at]);
            o.AllowInsecureHttp = true;
            o.Username = username;
            o.Password = password;
            o.RequestMethod = EnswitchRequestMethod.Get;
        }).Replies(Reply.Json(Envelope.WithData("{}")));

        await harness.Enswitch.CallAsync(function, [.. pairs.Where(p => !p.Key.StartsWith("auth_", StringComparison.Ordinal))], cancellationToken: ClientHarness.Token);

        Assert.True(FunctionCatalogue.TryGet(function, out var descriptor));
        var credentials = $"auth_username={username};auth_password={password}";
        var expected = descriptor.Authentication == FunctionAuthentication.None || query.StartsWith(credentials, StringComparison.Ordinal)
            ? example
            : example[..(example.Length - query.Length)].TrimEnd('?') + "?" + credentials + (query.Length > 0 ? ";" + query : string.Empty);
        Assert.Equal(expected, Assert.Single(harness.Received).Uri);
    }

    [Fact]
    public void HoldsEveryFunctionOfTheGuide_PlusRecordingCopyAndStart()
    {
        var names = TypedSurface.Catalogue.Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(261, names.Count);
        Assert.Contains("recording/recordings/copy", names);
        Assert.Contains("recording/recordings/start", names);

        // The guide's list sits beside the repository (../shared) in CI and in the workplace; a clone elsewhere
        // checks what it can without it: every entry but copy and start cites its guide page.
        var shared = Path.Combine(Repository.Root, "..", "shared", "api", "enswitch-functions.json");
        if (File.Exists(shared))
        {
            var guide = JsonDocument.Parse(File.ReadAllText(shared)).RootElement.EnumerateArray().Select(f => f.GetProperty("function").GetString()!).ToList();
            Assert.Equal(259, guide.Count);
            Assert.Equal([.. guide.Append("recording/recordings/copy").Append("recording/recordings/start").Order(StringComparer.Ordinal)], names);
        }
        else
        {
            Assert.All(
                TypedSurface.Catalogue.Where(f => f.Key is not ("recording/recordings/copy" or "recording/recordings/start")),
                f => Assert.EndsWith("/json/" + f.Key + "/", f.Value.GetProperty("guideUrl").GetString(), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void GeneratedDescriptors_MatchTheCatalogue()
    {
        Assert.Equal(TypedSurface.Catalogue.Keys.Order(StringComparer.Ordinal), FunctionCatalogue.Names.Order(StringComparer.Ordinal));
        Assert.All(TypedSurface.Catalogue, entry =>
        {
            Assert.True(FunctionCatalogue.TryGet(entry.Key, out var descriptor));
            Assert.Equal(entry.Value.GetProperty("kind").GetString(), descriptor.Kind.ToString());
            var secrets = entry.Value.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("secret").GetBoolean()).Select(p => p.GetProperty("name").GetString());
            Assert.Equal(secrets.Order(StringComparer.Ordinal), descriptor.SecretParameters.Order(StringComparer.Ordinal));
            Assert.Equal(entry.Value.TryGetProperty("absentMeansDone", out _), descriptor.AbsentMeansDone);
            Assert.Equal(entry.Value.GetProperty("parameters").EnumerateArray().Any(p => p.GetProperty("name").GetString() == "validation"), descriptor.AcceptsValidation);
        });
    }

    [Theory]
    [InlineData("calls/make")]
    [InlineData("customers/balance/add")]
    [InlineData("numbers/purchase")]
    [InlineData("messages/text/send")]
    [InlineData("faxes/send")]
    public void MoneyCallsAndMessages_AreNonIdempotent(string function)
    {
        Assert.True(FunctionCatalogue.TryGet(function, out var descriptor));
        Assert.Equal(OperationKind.NonIdempotent, descriptor.Kind);
    }

    // Every catalogued function through the raw call, with no kind given: a connection dropped after the
    // request went out is retried for what may be repeated, and never for NonIdempotent.
    [Theory]
    [MemberData(nameof(CataloguedFunctions))]
    public async Task RawCall_DroppedAfterSending_IsRetriedExactlyWhenTheCatalogueKindAllows(string function)
    {
        Assert.True(FunctionCatalogue.TryGet(function, out var descriptor));
        using var harness = ClientHarness.Direct().Replies(
            Reply.ReadThenFail(new HttpRequestException("The response ended prematurely.")),
            Reply.Json(Envelope.WithData("{}")));

        var call = harness.Enswitch.CallAsync(function, [], cancellationToken: ClientHarness.Token);

        if (descriptor.Kind == OperationKind.NonIdempotent)
        {
            var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => call);
            Assert.True(error.OutcomeUnknown);
            Assert.Single(harness.Received);
        }
        else
        {
            await call;
            Assert.Equal(2, harness.Received.Count);
        }
    }

    [Theory]
    [InlineData("plans/features/list", EnswitchRequestMethod.Post, EnswitchAuthenticationMode.Password)]
    [InlineData("numbers/available/get", EnswitchRequestMethod.Get, EnswitchAuthenticationMode.Password)]
    [InlineData("provisioning/files/get", EnswitchRequestMethod.Post, EnswitchAuthenticationMode.Token)]
    [InlineData("plans/features/list", EnswitchRequestMethod.Get, EnswitchAuthenticationMode.Token)]
    public async Task RawCall_ToAFunctionTheGuideRunsWithoutAuthentication_SendsNoCredentials_AndLogsNothingIn(string function, EnswitchRequestMethod method, EnswitchAuthenticationMode authentication)
    {
        using var harness = ClientHarness.Direct(o =>
        {
            o.RequestMethod = method;
            o.Authentication = authentication;
        }).Replies(Reply.Json(Envelope.WithData("{}")));

        await harness.Enswitch.CallAsync(function, [new("id", "1")], cancellationToken: ClientHarness.Token);

        // One request, to the function itself: no login in token mode, and no credential in the URL or the body.
        var request = Assert.Single(harness.Received);
        Assert.EndsWith("/api/json/" + function + "/" + (method == EnswitchRequestMethod.Get ? "?id=1" : string.Empty), request.Uri, StringComparison.Ordinal);
        Assert.DoesNotContain("auth_", request.Uri, StringComparison.Ordinal);
        Assert.DoesNotContain("auth_", request.Body ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawCall_ToAnAuthenticatedFunction_SendsTheCredentials()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.WithData("[]")));

        await harness.Enswitch.CallAsync("cdrs/list", [], cancellationToken: ClientHarness.Token);

        Assert.Contains("auth_password=", Assert.Single(harness.Received).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawCall_KeepsASecretParameterOutOfTheError_WhenTheServerEchoesIt()
    {
        const string sipPassword = "Sip-Secret-9f3";
        using var harness = ClientHarness.Direct().Replies(Reply.Json(
            """{"responses":[{"code":"400","key":"password","message":"Password 'Sip-Secret-9f3' is too weak"}]}"""));

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => harness.Enswitch.CallAsync("phones/create", [new("name", "desk"), new("password", sipPassword)], cancellationToken: ClientHarness.Token));

        Assert.DoesNotContain(sipPassword, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", error.ServerMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(sipPassword, string.Join('\n', harness.Logs.GetSnapshot().Select(r => r.Message)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OperationKind.Read)]
    [InlineData(OperationKind.IdempotentWrite)]
    [InlineData(OperationKind.ValidateOnly)]
    public async Task RawCall_RefusesAKindThatWouldRepeatANonIdempotentFunction_BeforeSending(OperationKind kind)
    {
        using var harness = ClientHarness.Direct();

        // calls/make documents no validation parameter: even with validation=1 a server would place the call.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Enswitch.CallAsync("calls/make", [new("snumber", "100"), new("cnumber", "200"), new("validation", "1")], kind, cancellationToken: ClientHarness.Token));

        Assert.Contains("NonIdempotent", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Received);
    }

    [Theory]
    [InlineData("1", 1, true)]
    [InlineData("0", 1, false)]
    [InlineData("\u00a01", 1, false)]
    [InlineData("1", 2, false)]
    public async Task RawCall_AcceptsValidateOnlyForANonIdempotentFunction_OnlyWithExactlyOneValidationOne(string value, int times, bool accepted)
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json("""{"responses":[{"code":"201","key":"","message":"Validated"}]}"""));
        var parameters = new List<KeyValuePair<string, string>> { new("name", "x") };
        parameters.AddRange(Enumerable.Repeat(new KeyValuePair<string, string>("validation", System.Text.RegularExpressions.Regex.Unescape(value)), times));

        Task Call() => harness.Enswitch.CallAsync("recording/groups/create", parameters, OperationKind.ValidateOnly, cancellationToken: ClientHarness.Token);

        if (accepted)
        {
            await Call();
            Assert.Single(harness.Received);
        }
        else
        {
            await Assert.ThrowsAsync<ArgumentException>(Call);
            Assert.Empty(harness.Received);
        }
    }

    // A server that ignores validation=1 answers as if it had done the work: that must not pass for a dry run, by
    // CallAsync or by CallWithResponseAsync.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RawCall_ValidateOnlyAnsweredWithoutCode201_IsAFailureThatMayHaveApplied(bool wholeAnswer)
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.WithData("""{"id":77}""")));
        List<KeyValuePair<string, string>> parameters = [new("name", "x"), new("validation", "1")];

        var error = await Assert.ThrowsAnyAsync<EnswitchException>(() => wholeAnswer
            ? harness.Enswitch.CallWithResponseAsync("recording/groups/create", parameters, OperationKind.ValidateOnly, cancellationToken: ClientHarness.Token)
            : harness.Enswitch.CallAsync("recording/groups/create", parameters, OperationKind.ValidateOnly, cancellationToken: ClientHarness.Token));

        Assert.True(error.OutcomeUnknown);
        Assert.Contains("201", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Received);
    }

    [Fact]
    public async Task RawCall_SendsTheTotpCodeOfATwoStepLogin_ButRefusesTheCredentialsTheSdkAdds()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(Envelope.WithData("{}")));

        await harness.Enswitch.CallAsync("user/login", [new("auth_code", "123456")], cancellationToken: ClientHarness.Token);
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Enswitch.CallAsync("user/login", [new("auth_token", "x")], cancellationToken: ClientHarness.Token));

        Assert.Contains("auth_code=123456", Assert.Single(harness.Received).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawCall_WithAFlagNamedLikeASecret_LeavesTheServersTextAlone()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json("""{"responses":[{"code":"400","key":"username","message":"Customer 1 not found"}]}"""));

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => harness.Enswitch.CallAsync("user/login", [new("token", "1")], cancellationToken: ClientHarness.Token));

        Assert.Equal("Customer 1 not found", error.ServerMessage);
    }

    [Fact]
    public async Task RawCall_ToAnUnknownFunction_StaysNonIdempotent()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.ReadThenFail(new HttpRequestException("reset")), Reply.Json(Envelope.WithData("{}")));

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => harness.Enswitch.CallAsync("queues/delete", [], cancellationToken: ClientHarness.Token));

        Assert.True(error.OutcomeUnknown);
        Assert.Single(harness.Received);
    }

    [Fact]
    public async Task RawCall_RefusesAParameterNewerThanTheServer_ButNotAFunctionWhoseVersionIsOnlyInferred()
    {
        using var harness = ClientHarness.Direct(o => o.ServerVersion = new Version(4, 0)).Replies(Reply.Json(Envelope.WithData("[]")));

        // customers/list: the guide shows no change history, only 4.4 pages: no ground to refuse it on 4.0.
        await harness.Enswitch.CallAsync("customers/list", [], cancellationToken: ClientHarness.Token);
        await Assert.ThrowsAsync<EnswitchFeatureNotSupportedException>(() => harness.Enswitch.CallAsync("recording/recordings/start", [new("uniqueid", "1.1")], cancellationToken: ClientHarness.Token));
        await Assert.ThrowsAsync<EnswitchFeatureNotSupportedException>(() => harness.Enswitch.CallAsync("recording/groups/create", [new("name", "x"), new("transcribe", "1")], cancellationToken: ClientHarness.Token));

        Assert.Single(harness.Received);
    }

    private const string NotFound = """{"responses":[{"code":"404","key":"id","message":"Not found"}]}""";

    [Fact]
    public async Task RawDelete_WhoseRetryAnswers404AfterTheFirstAttemptMayHaveDeletedIt_EndsAsDeleted()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.ReadThenFail(new HttpRequestException("The response ended prematurely.")), Reply.Json(NotFound));

        var data = await harness.Enswitch.CallAsync("notes/delete", [new("id", "7")], cancellationToken: ClientHarness.Token);

        Assert.Null(data);
        Assert.Equal(2, harness.Received.Count);
    }

    [Fact]
    public async Task RawHangup_WhoseRetryAnswers404AfterAnUnansweredAttempt_EndsAsDone()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.ReadThenFail(new HttpRequestException("The response ended prematurely.")), Reply.Json(NotFound));

        Assert.Null(await harness.Enswitch.CallAsync("calls/hangup", [new("callid", "7")], cancellationToken: ClientHarness.Token));
        Assert.Equal(2, harness.Received.Count);
    }

    [Fact]
    public async Task RawDelete_Answered404AfterAnAnsweredAttempt_IsNotFound()
    {
        // A 503 is an answer: nothing was deleted then, so the 404 means the object was never there.
        using var harness = ClientHarness.Direct().Replies(Reply.Html(System.Net.HttpStatusCode.ServiceUnavailable, "<html>busy</html>"), Reply.Json(NotFound));

        await Assert.ThrowsAsync<NotFoundException>(() => harness.Enswitch.CallAsync("notes/delete", [new("id", "7")], cancellationToken: ClientHarness.Token));
        Assert.Equal(2, harness.Received.Count);
    }

    [Fact]
    public async Task RawDelete_Answered404OnItsFirstAttempt_IsNotFound()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Json(NotFound));

        await Assert.ThrowsAsync<NotFoundException>(() => harness.Enswitch.CallAsync("notes/delete", [new("id", "7")], cancellationToken: ClientHarness.Token));
    }

    [Fact]
    public async Task RawDelete_Answered404AfterAnAttemptProvenNotSent_IsNotFound()
    {
        using var harness = ClientHarness.Direct().Replies(Reply.Refused(), Reply.Json(NotFound));

        await Assert.ThrowsAsync<NotFoundException>(() => harness.Enswitch.CallAsync("notes/delete", [new("id", "7")], cancellationToken: ClientHarness.Token));
        Assert.Single(harness.Received);
    }
}
