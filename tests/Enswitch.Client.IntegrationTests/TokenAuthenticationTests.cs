using System.Text.Json;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// Token authentication (Enswitch 4.1+, enswitch-api.md section 1.3; faults.md C8, C9) over real sockets:
/// one <c>user/login</c> with <c>token=1</c> carries the password, every other call carries only
/// <c>auth_token</c>; the token is refreshed before it expires, replaced once after a 401, shared by
/// concurrent callers, and never printed.
/// </summary>
public class TokenAuthenticationTests
{
    private const string Login = "user/login";
    private const string Create = "recording/groups/create";
    private const string List = "recording/recordings/list";
    private const string Get = "recording/recordings/get";

    private const string Rejected401 = """{"responses":[{"code":"401","key":"","message":"Authentication details invalid"}]}""";

    private static async Task<SdkHarness> StartAsync(
        EnswitchRequestMethod method,
        FakeTimeProvider? clock = null,
        Action<EnswitchEmulatorOptions>? emulator = null,
        Action<EnswitchClientOptions>? configure = null)
    {
        // One clock for both sides, when the test needs one: the SDK decides when to refresh by it, the
        // emulator decides when a token has expired by it.
        var emulatorOptions = new EnswitchEmulatorOptions();
        if (clock is not null)
        {
            emulatorOptions.TimeProvider = clock;
        }

        emulator?.Invoke(emulatorOptions);
        return await SdkHarness.StartAsync(
            o =>
            {
                o.RequestMethod = method;
                o.Authentication = EnswitchAuthenticationMode.Token;
                configure?.Invoke(o);
            },
            services: clock is null ? null : s => s.AddSingleton<TimeProvider>(clock),
            emulatorOptions: emulatorOptions);
    }

    /// <summary>Logs in with a plain HttpClient, as another program would, and returns the emulator's token.</summary>
    private static async Task<string> LoginDirectlyAsync(EnswitchEmulator emulator)
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(
        [
            new("auth_username", EnswitchEmulator.DefaultUsername),
            new("auth_password", EnswitchEmulator.DefaultPassword),
            new("token", "1"),
        ]);
        using var response = await http.PostAsync(new Uri(emulator.BaseAddress, $"api/json/{Login}/"), form, SdkHarness.Token);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(SdkHarness.Token));
        return answer.RootElement.GetProperty("data").GetProperty("auth_token").GetString()!;
    }

    /// <summary>Creates the harness's first record group and returns the token that create carried.</summary>
    private static async Task<string?> CreateFirstAsync(SdkHarness h, string name)
    {
        await h.Groups.CreateAsync(new CreateRecordGroupRequest(name), cancellationToken: SdkHarness.Token);
        return h.Emulator.RequestsTo(Create)[0]["auth_token"];
    }

    private static Task<SdkHarness> StartWithTwoSecondBudgetAsync(FakeTimeProvider clock) =>
        StartAsync(EnswitchRequestMethod.Post, clock, configure: o =>
        {
            o.TotalTimeout = TimeSpan.FromSeconds(2);
            o.AttemptTimeout = TimeSpan.FromSeconds(2);
        });

    private static FakeTimeProvider NewClock() => new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

    private static int Count(EmulatorRequest request, string name) => request.Parameters.Count(p => p.Key == name);

    /// <summary>
    /// Asserts the rule over the whole journal: a login sends the user name and password exactly once and
    /// <c>token=1</c>; any other request sends exactly one <c>auth_token</c> and neither user name nor
    /// password. Requests in <paramref name="rejected"/> are the ones the test made the server refuse.
    /// </summary>
    private static void AssertPasswordOnlyOnLogins(EnswitchEmulator emulator, Func<EmulatorRequest, bool>? rejected = null)
    {
        var journal = emulator.Journal;
        Assert.NotEmpty(journal);
        foreach (var request in journal)
        {
            if (request.Function == Login)
            {
                Assert.Equal("1", request["token"]);
                Assert.Equal(1, Count(request, "auth_username"));
                Assert.Equal(1, Count(request, "auth_password"));
                Assert.Equal(0, Count(request, "auth_token"));
                Assert.Equal(EnswitchEmulator.DefaultUsername, request["auth_username"]);
            }
            else
            {
                Assert.Equal(0, Count(request, "auth_password"));
                Assert.Equal(0, Count(request, "auth_username"));
                Assert.Equal(1, Count(request, "auth_token"));
                Assert.False(string.IsNullOrEmpty(request["auth_token"]));
            }

            if (rejected?.Invoke(request) != true)
            {
                Assert.Equal(request.Function == Login ? EmulatorCredential.Password : EmulatorCredential.Token, request.AuthenticatedWith);
            }
        }
    }

    private static void SeedRecording(EnswitchEmulator emulator, out long groupId)
    {
        var group = emulator.AddRecordGroup("seeded");
        var start = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000);
        emulator.AddRecording(RecordingSeed.NewRecording(group.Id, "1600000000.1", start, seconds: 30, audio: [1, 2, 3, 4, 5]));
        groupId = group.Id;
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task C8_TokenExpired_OneReloginThenSuccess_SecondUnauthorizedIsAuthenticationException_NoLoop(EnswitchRequestMethod method)
    {
        await using var h = await StartAsync(method);
        var emulator = h.Emulator;

        var firstToken = await CreateFirstAsync(h, "first");

        // 1. The token expires on the server: the next call gets 401, logs in once and is repeated once.
        emulator.ExpireAllTokens();
        var second = await h.Groups.CreateAsync(new CreateRecordGroupRequest("second"), cancellationToken: SdkHarness.Token);

        var journal = emulator.Journal;
        Assert.Equal([Login, Create, Create, Login, Create], journal.Select(r => r.Function));
        Assert.Equal(
            [EmulatorCredential.Password, EmulatorCredential.Token, EmulatorCredential.None, EmulatorCredential.Password, EmulatorCredential.Token],
            journal.Select(r => r.AuthenticatedWith));
        Assert.Equal(firstToken, journal[2]["auth_token"]);
        var secondToken = journal[4]["auth_token"];
        Assert.NotEqual(firstToken, secondToken);
        Assert.Equal(["first", "second"], emulator.RecordGroups.Select(g => g.Name));
        Assert.Equal(second.Id, emulator.RecordGroups[1].Id);

        // 2. The re-login's token is refused too (here the server answers 401 to both sends of the call):
        //    AuthenticationException after exactly one re-login, no third send.
        emulator.InjectFault(Create, EmulatorFault.Envelope(Rejected401), count: 2);
        var before = emulator.Journal.Count;
        var refused = await Assert.ThrowsAsync<AuthenticationException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("third"), cancellationToken: SdkHarness.Token));

        Assert.Equal(401, refused.Code);
        Assert.Equal(Create, refused.Function);
        Assert.False(refused.OutcomeUnknown);
        var added = emulator.Journal.Skip(before).ToList();
        Assert.Equal([Create, Login, Create], added.Select(r => r.Function));
        Assert.All(added.Where(r => r.Function == Create), r => Assert.NotNull(r.Fault));
        Assert.Equal(secondToken, added[0]["auth_token"]);
        var thirdToken = added[2]["auth_token"];
        Assert.NotEqual(secondToken, thirdToken);
        Assert.Equal(2, emulator.RecordGroups.Count);

        // The SDK is not stuck: the next call goes out once, with the token from the re-login, no login.
        before = emulator.Journal.Count;
        await h.Groups.CreateAsync(new CreateRecordGroupRequest("fourth"), cancellationToken: SdkHarness.Token);
        var next = Assert.Single(emulator.Journal.Skip(before));
        Assert.Equal(Create, next.Function);
        Assert.Equal(thirdToken, next["auth_token"]);

        // 3. The token expires and the password was changed meanwhile: the call gets 401, the one re-login
        //    gets 401 as well, and that is the end (AuthenticationException, two requests, nothing stored).
        emulator.ExpireAllTokens();
        emulator.AddUser(EnswitchEmulator.DefaultUsername, "changed-password", EnswitchRoles.All);
        before = emulator.Journal.Count;
        var badCredentials = await Assert.ThrowsAsync<AuthenticationException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("fifth"), cancellationToken: SdkHarness.Token));

        // The create's exception: refused once (401, nothing applied), then not repeated because the re-login
        // failed, which is its cause.
        Assert.Equal(401, badCredentials.Code);
        Assert.Equal(Create, badCredentials.Function);
        Assert.False(badCredentials.OutcomeUnknown);
        Assert.True(badCredentials.RequestSent);
        Assert.Equal(1, badCredentials.Attempts);
        Assert.Equal(Login, Assert.IsType<AuthenticationException>(badCredentials.InnerException).Function);
        added = [.. emulator.Journal.Skip(before)];
        Assert.Equal([Create, Login], added.Select(r => r.Function));
        Assert.All(added, r => Assert.Equal(EmulatorCredential.None, r.AuthenticatedWith));
        Assert.Equal(["first", "second", "fourth"], emulator.RecordGroups.Select(g => g.Name));

        // Every request, refused or not, followed the credential rule.
        AssertPasswordOnlyOnLogins(emulator, r => r.Fault is not null || r.AuthenticatedWith == EmulatorCredential.None);
        Assert.Equal(3, emulator.RequestsTo(Login).Count(r => r.AuthenticatedWith == EmulatorCredential.Password));
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post, false)]
    [InlineData(EnswitchRequestMethod.Post, true)]
    [InlineData(EnswitchRequestMethod.Get, false)]
    [InlineData(EnswitchRequestMethod.Get, true)]
    public async Task C9_FiftyConcurrentCallsWhileTheTokenExpires_ExactlyOneLogin(EnswitchRequestMethod method, bool expiredByClock)
    {
        const int count = 50;
        var clock = NewClock();
        await using var h = await StartAsync(method, clock, e => e.TokenLifetime = TimeSpan.FromMinutes(10));
        var emulator = h.Emulator;
        var oldToken = await CreateFirstAsync(h, "warm-up");

        // Either both clocks pass the expiry (the SDK knows before sending), or the server drops the token
        // while the SDK still trusts it (every call may hit 401).
        if (expiredByClock)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
        }
        else
        {
            emulator.ExpireAllTokens();
        }

        var before = emulator.Journal.Count;
        var names = Enumerable.Range(0, count).Select(i => $"concurrent {i:D2}").ToArray();
        var results = await h.CreateConcurrentlyAsync(names);

        // Client side: all 50 succeeded, each with its own id.
        Assert.Equal(count, results.Select(r => r.Id).Distinct().Count());

        // Server side: exactly one login after the first, and every call stored exactly once.
        var added = emulator.Journal.Skip(before).ToList();
        var login = Assert.Single(added, r => r.Function == Login);
        Assert.Equal(EmulatorCredential.Password, login.AuthenticatedWith);
        Assert.Equal(2, emulator.RequestsTo(Login).Count);
        var accepted = added.Where(r => r.Function == Create && r.AuthenticatedWith == EmulatorCredential.Token).ToList();
        var refused = added.Where(r => r.Function == Create && r.AuthenticatedWith != EmulatorCredential.Token).ToList();
        Assert.Equal(count, accepted.Count);
        var newToken = accepted[0]["auth_token"];
        Assert.NotEqual(oldToken, newToken);
        Assert.All(accepted, r => Assert.Equal(newToken, r["auth_token"]));
        if (expiredByClock)
        {
            // The SDK saw the expiry coming: nothing was sent with the old token.
            Assert.Empty(refused);
        }
        else
        {
            // Each call sent at most once with the old token, and was then repeated once with the new one.
            Assert.InRange(refused.Count, 1, count);
            Assert.All(refused, r => Assert.Equal(EmulatorCredential.None, r.AuthenticatedWith));
            Assert.All(refused, r => Assert.Equal(oldToken, r["auth_token"]));
            Assert.Equal(refused.Count, refused.Select(r => r["name"]).Distinct().Count());
        }

        Assert.Equal(count + refused.Count + 1, added.Count);
        Assert.Equal(names.Order(StringComparer.Ordinal), accepted.Select(r => r["name"]!).Order(StringComparer.Ordinal));
        var stored = emulator.RecordGroups.ToDictionary(g => g.Id, g => g.Name);
        Assert.Equal(count + 1, stored.Count);
        Assert.All(results, r => Assert.Equal(r.Name, stored[r.Id]));
        AssertPasswordOnlyOnLogins(emulator, r => r.AuthenticatedWith == EmulatorCredential.None);
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task PasswordIsSentOncePerLogin_NeverOnTokenCalls_ForEveryKindOfCall(EnswitchRequestMethod method)
    {
        await using var h = await StartAsync(method);
        var emulator = h.Emulator;
        SeedRecording(emulator, out var groupId);
        var client = h.Services.GetRequiredService<IEnswitchClient>();

        await h.Groups.CreateAsync(new CreateRecordGroupRequest("created"), cancellationToken: SdkHarness.Token);
        await h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("validated"), cancellationToken: SdkHarness.Token);
        var rows = await client.Recordings.ListAsync(ListRecordingsRequest.ForRecordGroup(groupId), cancellationToken: SdkHarness.Token);
        foreach (var wrap in new[] { RecordingWrap.Json, RecordingWrap.None })
        {
            await using var download = await client.Recordings.GetAsync(new GetRecordingRequest(groupId, "1600000000.1", "1") { Wrap = wrap }, cancellationToken: SdkHarness.Token);
            using var copy = new MemoryStream();
            await download.Content.CopyToAsync(copy, SdkHarness.Token);
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, copy.ToArray());
        }

        var raw = await client.CallAsync(List, [new("customer", "1")], OperationKind.Read, cancellationToken: SdkHarness.Token);

        // Client side: every call worked.
        Assert.Single(rows);
        Assert.Equal(JsonValueKind.Array, raw!.Value.ValueKind);

        // Server side: one login carried the password; six calls carried the token it returned, and only that.
        var journal = emulator.Journal;
        Assert.Equal([Login, Create, Create, List, Get, Get, List], journal.Select(r => r.Function));
        AssertPasswordOnlyOnLogins(emulator);
        var token = journal[1]["auth_token"];
        Assert.All(journal.Skip(1), r => Assert.Equal(token, r["auth_token"]));
        Assert.Equal(EnswitchEmulator.DefaultPassword, journal[0]["auth_password"]);
        Assert.All(journal, r => Assert.DoesNotContain(r.Parameters, p => p.Value == EnswitchEmulator.DefaultPassword && p.Key != "auth_password"));
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task TokenIsRefreshedWithinTheMarginBeforeItExpires_WithNo401InBetween(EnswitchRequestMethod method)
    {
        var clock = NewClock();
        await using var h = await StartAsync(method, clock, e => e.TokenLifetime = TimeSpan.FromMinutes(10), o => o.TokenRefreshMargin = TimeSpan.FromSeconds(30));
        var emulator = h.Emulator;

        await h.Groups.CreateAsync(new CreateRecordGroupRequest("at 0:00"), cancellationToken: SdkHarness.Token);

        // 9:29: more than the margin left, the token is used as it is.
        clock.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(29));
        await h.Groups.CreateAsync(new CreateRecordGroupRequest("at 9:29"), cancellationToken: SdkHarness.Token);
        Assert.Single(emulator.RequestsTo(Login));

        // 9:31: within the margin, the server would still accept the token for 29 s, but the SDK logs in first.
        clock.Advance(TimeSpan.FromSeconds(2));
        await h.Groups.CreateAsync(new CreateRecordGroupRequest("at 9:31"), cancellationToken: SdkHarness.Token);

        var journal = emulator.Journal;
        Assert.Equal([Login, Create, Create, Login, Create], journal.Select(r => r.Function));
        Assert.DoesNotContain(journal, r => r.AuthenticatedWith == EmulatorCredential.None);
        Assert.Equal(journal[1]["auth_token"], journal[2]["auth_token"]);
        Assert.NotEqual(journal[2]["auth_token"], journal[4]["auth_token"]);
        AssertPasswordOnlyOnLogins(emulator);
        Assert.Equal(3, emulator.RecordGroups.Count);

        // The new token lasts ten minutes from 9:31: at 19:00 it is used as it is.
        clock.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(29));
        await h.Groups.CreateAsync(new CreateRecordGroupRequest("at 19:00"), cancellationToken: SdkHarness.Token);
        Assert.Equal(2, emulator.RequestsTo(Login).Count);
        Assert.Equal(journal[4]["auth_token"], emulator.Journal[^1]["auth_token"]);
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task NeverExpiringTokens_OneLoginServesEveryLaterCall(EnswitchRequestMethod method)
    {
        var clock = NewClock();
        await using var h = await StartAsync(method, clock, e => e.TokenLifetime = null);
        var emulator = h.Emulator;

        for (var i = 0; i < 3; i++)
        {
            await h.Groups.CreateAsync(new CreateRecordGroupRequest($"day {i * 400}"), cancellationToken: SdkHarness.Token);
            clock.Advance(TimeSpan.FromDays(400));
        }

        Assert.Equal([Login, Create, Create, Create], emulator.Journal.Select(r => r.Function));
        AssertPasswordOnlyOnLogins(emulator);
        Assert.Equal(3, emulator.RecordGroups.Count);
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task TokenNeverAppearsInLogsOrExceptions_WhenCallsFailAfterLogin(EnswitchRequestMethod method)
    {
        await using var h = await StartAsync(method);
        var emulator = h.Emulator;
        var token = (await CreateFirstAsync(h, "ok"))!;
        var failures = new List<EnswitchException>();

        // The server echoes the token in a 400 answer's key and message.
        emulator.InjectFault(Create, EmulatorFault.Envelope($$"""{"responses":[{"code":"400","key":"auth_token={{token}}","message":"Invalid token {{token}} for this function"}]}"""));
        var invalid = await Assert.ThrowsAsync<InvalidParameterException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: SdkHarness.Token));
        failures.Add(invalid);
        Assert.DoesNotContain(token, invalid.ServerMessage, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(token, invalid.Key, StringComparison.OrdinalIgnoreCase);
        Assert.All(invalid.Responses, r => Assert.DoesNotContain(token, r.Message + r.Key, StringComparison.OrdinalIgnoreCase));

        // A proxy's error page quotes the request, query string included (a read, so it is retried once).
        var page = $"<html><body>Bad gateway for /api/json/{Create}/?auth_token={Uri.EscapeDataString(token)}&amp;name=x</body></html>";
        emulator.InjectFault(List, EmulatorFault.Raw(502, page), count: 10);
        var proxy = await Assert.ThrowsAsync<EnswitchProtocolException>(() => h.Services.GetRequiredService<IRecordingsClient>().ListAsync(ListRecordingsRequest.ForCustomer(1), cancellationToken: SdkHarness.Token));
        failures.Add(proxy);
        Assert.Equal(502, proxy.HttpStatus);
        Assert.NotNull(proxy.BodySnippet);
        Assert.Contains("Bad gateway", proxy.BodySnippet, StringComparison.Ordinal);
        Assert.DoesNotContain(token, proxy.BodySnippet, StringComparison.OrdinalIgnoreCase);
        emulator.ClearFaults();

        // The connection breaks after the request.
        emulator.InjectFault(Create, EmulatorFault.CloseAfterRequest);
        failures.Add(await Assert.ThrowsAsync<EnswitchTransportException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("y"), cancellationToken: SdkHarness.Token)));

        // The token was really on the wire in every one of those requests, so there was something to leak.
        Assert.All(emulator.Journal.Where(r => r.Function != Login), r => Assert.Equal(token, r["auth_token"]));
        Assert.Equal(proxy.Attempts, emulator.RequestsTo(List).Count);
        Assert.Equal(2, emulator.RequestsTo(Create).Count(r => r.Fault is not null));

        var logs = h.AllLogText();
        Assert.NotEmpty(logs);
        Assert.DoesNotContain(token, logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Uri.EscapeDataString(token), logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(EnswitchEmulator.DefaultPassword, logs, StringComparison.Ordinal);
        Assert.All(failures, e =>
        {
            Assert.DoesNotContain(token, e.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(EnswitchEmulator.DefaultPassword, e.ToString(), StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post, """{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"auth_token":"TOKEN","auth_token_expiry":"soon"}}""")]
    [InlineData(EnswitchRequestMethod.Get, """{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"auth_token":"TOKEN","auth_token_expiry":"soon"}}""")]
    [InlineData(EnswitchRequestMethod.Post, """{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"auth_token":"TOKEN","auth_token_expiry":3600""")]
    public async Task LoginAnswerTheSdkCannotUse_DoesNotQuoteItsTokenInExceptionsOrLogs(EnswitchRequestMethod method, string loginAnswer)
    {
        await using var h = await StartAsync(method, configure: o => o.MaxRetries = 0);
        var emulator = h.Emulator;
        var token = "eyJhbGciOiJIUzI1NiJ9." + Guid.NewGuid().ToString("N");
        emulator.InjectFault(Login, EmulatorFault.Envelope(loginAnswer.Replace("TOKEN", token, StringComparison.Ordinal)));

        var error = await Assert.ThrowsAnyAsync<EnswitchException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: SdkHarness.Token));

        // The create was never sent: its exception says so, and keeps the login's failure as the cause.
        Assert.Equal(Create, error.Function);
        Assert.False(error.RequestSent);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(0, error.Attempts);
        Assert.Equal(Login, Assert.IsAssignableFrom<EnswitchException>(error.InnerException).Function);
        Assert.DoesNotContain(token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, h.AllLogText(), StringComparison.Ordinal);
        var login = Assert.Single(emulator.Journal);
        Assert.Equal(Login, login.Function);
        Assert.NotNull(login.Fault);
        Assert.Empty(emulator.RecordGroups);
    }

    [Theory]
    [InlineData("\"auth_token_expiry\":9223372036854775807")]
    [InlineData("\"auth_token_expiry\":0,\"auth_token_expires\":9223372036854775807")]
    public async Task LoginAnswerWithAnExpiryBeyondTheCalendar_IsANeverExpiringToken(string expiry)
    {
        await using var h = await StartAsync(EnswitchRequestMethod.Post);
        var emulator = h.Emulator;
        var token = await LoginDirectlyAsync(emulator);
        emulator.InjectFault(Login, EmulatorFault.Envelope($$$"""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"auth_token":"{{{token}}}",{{{expiry}}}}}"""));

        await h.Groups.CreateAsync(new CreateRecordGroupRequest("a"), cancellationToken: SdkHarness.Token);
        await h.Groups.CreateAsync(new CreateRecordGroupRequest("b"), cancellationToken: SdkHarness.Token);

        var journal = emulator.Journal.Skip(1).ToList();
        Assert.Equal([Login, Create, Create], journal.Select(r => r.Function));
        Assert.NotNull(journal[0].Fault);
        Assert.All(journal.Skip(1), r => Assert.Equal(token, r["auth_token"]));
        Assert.All(journal.Skip(1), r => Assert.Equal(EmulatorCredential.Token, r.AuthenticatedWith));
        Assert.Equal(["a", "b"], emulator.RecordGroups.Select(g => g.Name));
    }

    // The caller's TotalTimeout covers the whole operation: a login that takes 1.8 s of a 2 s budget leaves the
    // call 0.2 s, not a fresh 2 s (and a hung login cannot stretch a call to several times its budget).
    [Fact]
    public async Task SlowLoginThenHangingCall_EndsWithinTheCallersTotalTimeout()
    {
        var clock = NewClock();
        await using var h = await StartWithTwoSecondBudgetAsync(clock);
        h.Emulator.InjectFault(Login, EmulatorFault.Delay(TimeSpan.FromMilliseconds(1800)));
        h.Emulator.InjectFault(Create, EmulatorFault.Hang);

        var call = h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: SdkHarness.Token);
        await h.Emulator.WaitForRequestAsync(Login, cancellationToken: SdkHarness.Token);
        clock.Advance(TimeSpan.FromMilliseconds(1800));
        await h.Emulator.WaitForRequestAsync(Create, cancellationToken: SdkHarness.Token);
        clock.Advance(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => call.WaitAsync(TimeSpan.FromMinutes(1), SdkHarness.Token));
        // The fake clock never went past 2 s of the start, so only a timer due by then can have ended the call;
        // with a fresh 2 s for the call after the login, it would hang until the guard above.
        Assert.Equal(Create, error.Function);
        Assert.True(error.RequestSent);
        Assert.True(error.OutcomeUnknown);
        Assert.Contains("total 2 s, 1.8 s of which went on waiting for the login", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HangingLogin_TheCallGivesUpAtItsTotalTimeout_ReportedNotSent_WithTheLoginAsTheCause()
    {
        var clock = NewClock();
        await using var h = await StartWithTwoSecondBudgetAsync(clock);
        h.Emulator.InjectFault(Login, EmulatorFault.Hang, count: 10);

        var call = h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: SdkHarness.Token);
        await h.Emulator.WaitForRequestAsync(Login, cancellationToken: SdkHarness.Token);
        clock.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => call.WaitAsync(TimeSpan.FromMinutes(1), SdkHarness.Token));
        Assert.Equal(Create, error.Function);
        Assert.False(error.RequestSent);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(0, error.Attempts);
        Assert.Contains("login (user/login)", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
        Assert.Empty(h.Emulator.RequestsTo(Create));
    }

    [Fact]
    public async Task RefusedLogin_TheCallIsAnAuthenticationException_NotSent_WithTheLoginAsTheCause()
    {
        await using var h = await StartAsync(EnswitchRequestMethod.Post);
        h.Emulator.AddUser(EnswitchEmulator.DefaultUsername, "changed-password", EnswitchRoles.All);

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: SdkHarness.Token));

        Assert.Equal(Create, error.Function);
        Assert.Equal(401, error.Code);
        Assert.Null(error.HttpStatus);
        Assert.False(error.RequestSent);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(0, error.Attempts);
        Assert.Equal(Login, Assert.IsType<AuthenticationException>(error.InnerException).Function);
        Assert.Contains("was not sent", error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.RequestsTo(Create));
    }
}
