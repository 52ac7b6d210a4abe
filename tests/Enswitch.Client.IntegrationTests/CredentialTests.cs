using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Enswitch.Client.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// Credentials and inputs (faults.md rows C1, C3, C4, C5, C7): values arrive exactly, bad options fail at
/// start, and the password shows up nowhere on the client side: not in exceptions, logs or telemetry; with the emulator
/// on a socket and in memory (one sealed subclass per <see cref="EmulatorForm"/>).
/// </summary>
public abstract partial class CredentialTests(EmulatorForm form) : OnBothEmulatorForms(form)
{
    private const string Create = "recording/groups/create";
    private const string CanaryUser = "canary-user";

    private static readonly string[] Tricky =
    [
        "&", "=", ";", "+", "%", " ", "é", "😀", "\0", "\r\n", "\t", "\u007F", "%20", "%41", "%zz", "%%", "%C3%A9",
        "+%2B", "?", "#", "/", "\\", "\"", "'", "<", ">", "\u0085", "\u2028", "\uFEFF", "\u00A0", "\uFFFD", "\uFFFF",
        "e\u0301", "auth_password=", "name=x;",
    ];

    // System.Text.Json refuses to serialize reflection types (Exception.TargetSite is a MethodBase,
    // OptionsValidationException.OptionsType a Type); this resolver drops only such members and keeps every
    // other public property, the Enswitch-specific ones included.
    private static readonly JsonSerializerOptions WithoutReflectionMembers = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                static info =>
                {
                    for (var i = info.Properties.Count - 1; i >= 0; i--)
                    {
                        var type = info.Properties[i].PropertyType;
                        if (typeof(MemberInfo).IsAssignableFrom(type))
                        {
                            info.Properties.RemoveAt(i);
                        }
                    }
                },
            },
        },
    };

    /// <summary>NUL, C0 and C1 controls, separators, escapes, non-ASCII and astral characters; never a lone surrogate.</summary>
    private static Gen<string> Atom { get; } = Gen.Frequency(
        (8, Gen.Elements(Tricky)),
        (4, Gen.Choose(0x20, 0x7E).Select(AsText)),
        (2, Gen.Choose(0x00, 0x1F).Select(AsText)),
        (1, Gen.Choose(0x7F, 0x9F).Select(AsText)),
        (2, Gen.Choose(0xA0, 0xFFFF).Where(c => c is < 0xD800 or > 0xDFFF).Select(AsText)),
        (1, Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32)));

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task C1_ArbitraryPasswordAndValues_ReachTheServerExactly_AndTheGroupIsCreated(EnswitchRequestMethod method)
    {
        await using var emulator = await StartEmulatorAsync();
        var cases = 0;
        var property = Prop.ForAll(WireCases(), c => CreateThroughSdkAsync(emulator, method, c, Interlocked.Increment(ref cases)));

        // FsCheck runs the (async) property synchronously; keep that off the test's own thread.
        await Task.Run(() => property.Check(Config.QuickThrowOnFailure.WithMaxTest(60)), SdkHarness.Token);

        Assert.True(cases >= 60, $"only {cases} cases ran");
        Assert.Equal(cases, emulator.RecordGroups.Count);
        Assert.Equal(cases, emulator.RequestsTo(Create).Count);
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post, "Name")]
    [InlineData(EnswitchRequestMethod.Post, "Description")]
    [InlineData(EnswitchRequestMethod.Get, "Email")]
    public async Task C1_LoneSurrogateInAValue_IsRejectedWithArgumentException_BeforeAnythingIsSent(EnswitchRequestMethod method, string property)
    {
        const string lone = "ab\uD800cd";
        await using var h = await StartHarnessAsync(o => o.RequestMethod = method);
        var request = new CreateRecordGroupRequest(property == "Name" ? lone : "group")
        {
            Description = property == "Description" ? lone : null,
            Email = property == "Email" ? lone : null,
        };

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Groups.CreateAsync(request, cancellationToken: SdkHarness.Token));

        Assert.Equal(property, error.ParamName);
        Assert.Empty(h.Emulator.Journal);
        Assert.Empty(h.Emulator.RecordGroups);
    }

    [Fact]
    public async Task C1_LoneSurrogateInThePassword_FailsOptionsValidationAtStart_BeforeAnythingIsSent()
    {
        await using var emulator = await StartEmulatorAsync();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddEnswitchClient(o =>
        {
            o.BaseAddress = emulator.BaseAddress;
            o.Username = EnswitchEmulator.DefaultUsername;
            o.Password = "ab\uD800cd";
            SdkHarness.Defaults(o);
        });
        using var host = builder.Build();

        var atStart = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(SdkHarness.Token));

        Assert.StartsWith("EnswitchClientOptions.Password", Assert.Single(atStart.Failures), StringComparison.Ordinal);
        Assert.Empty(emulator.Journal);
    }

    [Theory]
    [InlineData("no username", "EnswitchClientOptions.Username")]
    [InlineData("blank username", "EnswitchClientOptions.Username")]
    [InlineData("no password", "EnswitchClientOptions.Password")]
    [InlineData("empty password", "EnswitchClientOptions.Password")]
    [InlineData("no base address", "EnswitchClientOptions.BaseAddress")]
    public async Task C3_MissingSetting_FailsOptionsValidationAtStart_AndNothingIsSent(string missing, string failureNames)
    {
        await using var emulator = await StartEmulatorAsync();
        var password = missing switch { "no password" => null, "empty password" => string.Empty, _ => EnswitchEmulator.DefaultPassword };
        void Configure(EnswitchClientOptions o)
        {
            o.BaseAddress = missing == "no base address" ? null : emulator.BaseAddress;
            o.Username = missing switch { "no username" => null, "blank username" => "  ", _ => EnswitchEmulator.DefaultUsername };
            o.Password = password;
            SdkHarness.Defaults(o);
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddEnswitchClient(Configure);
        using var host = builder.Build();

        var atStart = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(SdkHarness.Token));
        var failure = Assert.Single(atStart.Failures);
        Assert.StartsWith(failureNames, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(EnswitchEmulator.DefaultPassword, atStart.Message, StringComparison.Ordinal);

        // Whatever path an application takes to the client, it cannot get one that sends.
        Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<EnswitchClientOptions>>().Value);
        Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IRecordGroupsClient>());
        var options = new EnswitchClientOptions();
        Configure(options);
        using var http = new HttpClient();
        Assert.Throws<OptionsValidationException>(() => new RecordGroupsClient(http, options));

        Assert.Empty(emulator.Journal);
        Assert.Empty(emulator.RecordGroups);
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task C4_OptionsRequestsAndEveryException_PrintAndSerializeWithoutThePassword(EnswitchRequestMethod method)
    {
        var canary = Canary.Create();
        await using var h = await StartCanaryHarnessAsync(canary, method);

        var errors = await RunEveryOutcomeAsync(h, canary);

        // Exceptions raised before anything is sent.
        var noUser = new EnswitchClientOptions { BaseAddress = h.Emulator.BaseAddress, Password = canary.Password };
        using (var http = new HttpClient())
        {
            errors.Add(Assert.Throws<OptionsValidationException>(() => new RecordGroupsClient(http, noUser)));
        }

        errors.Add(await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest(" "), cancellationToken: SdkHarness.Token)));

        var options = h.Services.GetRequiredService<IOptions<EnswitchClientOptions>>().Value;
        Assert.Equal(canary.Password, options.Password);
        canary.AssertAbsent("options.ToString()", options.ToString());
        canary.AssertAbsent("options interpolated", $"{options}");
        canary.AssertAbsent("options JSON", JsonSerializer.Serialize(options));
        canary.AssertAbsent("options without DI, JSON", JsonSerializer.Serialize(noUser));
        canary.AssertAbsent("options without DI, ToString()", noUser.ToString());

        var request = new CreateRecordGroupRequest("n") { Description = "d", Email = "e@example.com", Transcribe = true };
        canary.AssertAbsent("request.ToString()", request.ToString());
        canary.AssertAbsent("request interpolated", $"{request}");
        canary.AssertAbsent("request JSON", JsonSerializer.Serialize(request));

        foreach (var error in errors)
        {
            foreach (var (where, text) in Views(error))
            {
                canary.AssertAbsent($"{error.GetType().Name}: {where}", text);
            }
        }
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task C5_EveryLoggerAtTrace_ForSuccessAndEveryFailureClass_HoldsNoPassword(EnswitchRequestMethod method)
    {
        var canary = Canary.Create();

        // Microsoft.Extensions.Http 8.0 (the floor of net8.0 users) logs the full request URI, query included;
        // 9.0+ writes "?*". This handler logs the URI unredacted as 8.0 does, from outside the SDK's innermost
        // handler, so the test catches a password in the URI whichever version of the factory is loaded.
        await using var h = await StartCanaryHarnessAsync(canary, method, http: b => b.AddHttpMessageHandler(sp => new FullUriLoggingHandler(sp.GetRequiredService<ILoggerFactory>())));

        await RunEveryOutcomeAsync(h, canary);

        var records = h.Logs.GetSnapshot();
        var text = LogText(h);

        // The logs are real: the factory's own loggers, the unredacted one and the SDK's saw the calls.
        Assert.Contains(records, r => r.Category == "System.Net.Http.HttpClient.Enswitch.Client.LogicalHandler" && r.Level == LogLevel.Information);
        Assert.Contains(records, r => r.Category == "System.Net.Http.HttpClient.Enswitch.Client.ClientHandler" && r.Level == LogLevel.Trace);
        Assert.Contains(records, r => r.Category == FullUriLoggingHandler.Category && r.Message.Contains("api/json/recording/groups/create/", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Category == "Enswitch.Client" && r.Id.Id == 2);
        Assert.Contains(records, r => r.Category == "Enswitch.Client" && r.Id.Id == 3);
        Assert.Contains(records, r => r.Category == "Enswitch.Client" && r.Id.Id == 4);
        Assert.Contains(records, r => r.Exception is not null);

        // No handler outside the SDK's innermost one ever saw a query string (it holds the password in GET mode).
        Assert.DoesNotContain("create/?", text, StringComparison.Ordinal);
        canary.AssertAbsent("logs", text);
    }

    [Theory]
    [InlineData(EnswitchRequestMethod.Post)]
    [InlineData(EnswitchRequestMethod.Get)]
    public async Task C7_ActivitiesOfEverySourceAndDiagnosticEvents_HoldNoPassword(EnswitchRequestMethod method)
    {
        var canary = Canary.Create();
        var activities = new ConcurrentQueue<ActivityRecord>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            SampleUsingParentId = static (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = a => activities.Enqueue(ActivityRecord.Of(a, "start")),
            ActivityStopped = a => activities.Enqueue(ActivityRecord.Of(a, "stop")),
        };
        ActivitySource.AddActivityListener(listener);
        using var diagnostics = DiagnosticRecorder.Start();
        await using var h = await StartCanaryHarnessAsync(canary, method);
        var port = h.Emulator.BaseAddress.Port.ToString(CultureInfo.InvariantCulture);

        await RunEveryOutcomeAsync(h, canary);

        if (Form == EmulatorForm.Socket)
        {
            // The listener is real: it saw this test's HTTP calls, with their tags, and diagnostic events.
            var mine = activities.Where(a => a.Source == "System.Net.Http" && a.Phase == "stop" && a.Text.Contains("server.port=" + port, StringComparison.Ordinal)).ToList();
            Assert.True(mine.Count >= h.Emulator.Journal.Count, $"{mine.Count} HTTP activities for {h.Emulator.Journal.Count} requests");
            Assert.Contains(mine, a => a.Text.Contains("url.full=http://127.0.0.1:" + port + "/api/json/recording/groups/create/", StringComparison.Ordinal));
            if (method == EnswitchRequestMethod.Get)
            {
                // HttpClient's own activity sits below the SDK's innermost handler and so sees the query; the
                // runtime (9.0+) redacts it to "?*" unless the application sets System.Net.Http.DisableUriRedaction.
                Assert.Contains(mine, a => a.Text.Contains("/create/?*", StringComparison.Ordinal));
            }

            Assert.Contains(diagnostics.Events, e => e.Listener == "HttpHandlerDiagnosticListener");
        }
        else
        {
            // In memory no socket handler runs, so HttpClient's own activity and diagnostic events do not exist (the
            // Testing README says so); the listeners are shown real by the SDK's spans of this emulator and by the
            // emulator's own ASP.NET Core events.
            Assert.Contains(activities, a => a.Source == "Enswitch.Client" && a.Phase == "stop" && a.Text.Contains("server.address=" + h.Emulator.BaseAddress.Host, StringComparison.Ordinal));
            Assert.Contains(diagnostics.Events, e => e.Listener == "Microsoft.AspNetCore");
        }

        foreach (var activity in activities)
        {
            canary.AssertAbsent($"activity {activity.Source}/{activity.Name} ({activity.Phase})", activity.Text);
        }

        foreach (var e in diagnostics.Events)
        {
            canary.AssertAbsent($"diagnostic event {e.Listener}/{e.Name}: current activity", e.CurrentActivity);
        }

        // The payloads are live objects, not telemetry text. A request's own payload carries no password in
        // POST mode (no header, no query). In GET mode its URI must carry the query to the socket, so its
        // ToString() shows it; response payloads show whatever the server echoed (the redirect's Location).
        if (method == EnswitchRequestMethod.Post)
        {
            var requests = diagnostics.Events.Where(e => e.Name is "System.Net.Http.HttpRequestOut.Start" or "System.Net.Http.Request").ToList();
            if (Form == EmulatorForm.Socket)
            {
                Assert.Contains(requests, e => e.Payload?.Contains(":" + port + "/api/json/", StringComparison.Ordinal) == true);
            }

            foreach (var e in requests)
            {
                canary.AssertAbsent($"diagnostic event {e.Listener}/{e.Name}: payload", e.Payload);
            }
        }
    }

    private static async Task CreateThroughSdkAsync(EnswitchEmulator emulator, EnswitchRequestMethod method, WireCase c, int n)
    {
        Assert.False(c.HasLoneSurrogate, "the generator must not produce lone surrogates");
        var username = $"c1-user-{n}";
        emulator.AddUser(username, c.Password, EnswitchRoles.Administrator);
        var services = new ServiceCollection();
        var client = services.AddEnswitchClient(o =>
        {
            o.BaseAddress = emulator.BaseAddress;
            o.Username = username;
            o.Password = c.Password;
            o.RequestMethod = method;
            SdkHarness.Defaults(o);
        });
        if (emulator.IsInMemory)
        {
            client.ConfigurePrimaryHttpMessageHandler(() => emulator.CreateHandler());
        }

        await using var provider = services.BuildServiceProvider();
        var before = emulator.Journal.Count;

        var result = await provider.GetRequiredService<IRecordGroupsClient>().CreateAsync(
            new CreateRecordGroupRequest(c.Name) { Description = c.Description, Email = c.Email },
            cancellationToken: SdkHarness.Token);

        var request = Assert.Single(emulator.Journal.Skip(before));
        Assert.Equal(method == EnswitchRequestMethod.Get ? "GET" : "POST", request.Method);
        Assert.Equal(method == EnswitchRequestMethod.Get, request.HadQueryString);
        Assert.Null(request.Fault);
        Assert.Empty(request.UnknownParameters);
        KeyValuePair<string, string>[] expected =
        [
            new("auth_username", username),
            new("auth_password", c.Password),
            new("name", c.Name),
            new("description", c.Description),
            new("email", c.Email),
        ];
        Assert.Equal(expected, request.Parameters);
        var group = Assert.Single(emulator.RecordGroups, g => g.Id == result.Id);
        Assert.Equal(c.Name, group.Name);
        Assert.Equal(c.Description, group.Description);
        Assert.Equal(c.Email, group.Email);
    }

    private static Arbitrary<WireCase> WireCases() =>
        Arb.From(
            from password in Text(1)
            from name in Text(1).Where(s => !string.IsNullOrWhiteSpace(s))
            from description in Text(0)
            from email in Text(0)
            select new WireCase(password, name, description, email),
            Shrink);

    private static Gen<string> Text(int minimumAtoms) =>
        Gen.Choose(minimumAtoms, 24).SelectMany(n => Gen.ArrayOf(Atom, n)).Select(atoms => string.Concat(atoms));

    private static string AsText(int c) => ((char)c).ToString();

    private static IEnumerable<WireCase> Shrink(WireCase c)
    {
        foreach (var shorter in Shorter(c.Password).Where(s => s.Length > 0))
        {
            yield return c with { Password = shorter };
        }

        foreach (var shorter in Shorter(c.Name).Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            yield return c with { Name = shorter };
        }

        foreach (var shorter in Shorter(c.Description))
        {
            yield return c with { Description = shorter };
        }

        foreach (var shorter in Shorter(c.Email))
        {
            yield return c with { Email = shorter };
        }
    }

    // Removes one text element at a time: a surrogate pair is one element, so shrinking never splits one.
    private static IEnumerable<string> Shorter(string text)
    {
        var starts = StringInfo.ParseCombiningCharacters(text);
        for (var i = 0; i < starts.Length; i++)
        {
            var end = i + 1 < starts.Length ? starts[i + 1] : text.Length;
            yield return text.Remove(starts[i], end - starts[i]);
        }
    }

    private async Task<SdkHarness> StartCanaryHarnessAsync(Canary canary, EnswitchRequestMethod method, Action<IHttpClientBuilder>? http = null, Action<IServiceCollection>? services = null)
    {
        // Enswitch 3.13 refuses fraction=0, which gives a genuine 400 for a request the SDK itself accepts.
        var h = await SdkHarness.StartAsync(
            o =>
            {
                o.Username = CanaryUser;
                o.Password = canary.Password;
                o.RequestMethod = method;
            },
            // The factory's own loggers, which the SDK removes, are added back as an app that wants them does.
            http: builder =>
            {
                builder.AddDefaultLogger();
                http?.Invoke(builder);
            },
            services: services,
            emulatorOptions: new EnswitchEmulatorOptions { Version = new(3, 13) },
            form: Form);
        h.Emulator.AddUser(CanaryUser, canary.Password, EnswitchRoles.Administrator);
        return h;
    }

    /// <summary>
    /// Drives one call to success and one to every failure class the SDK knows, over the emulator, with the
    /// server echoing the password wherever it can; returns every exception raised.
    /// </summary>
    private static async Task<List<Exception>> RunEveryOutcomeAsync(SdkHarness h, Canary canary)
    {
        var errors = new List<Exception>();
        var emulator = h.Emulator;
        var request = new CreateRecordGroupRequest("Canary group") { Description = "d", Email = "ops@example.com" };

        async Task<T> Expect<T>(Func<Task> call)
            where T : EnswitchException
        {
            var error = await Assert.ThrowsAsync<T>(call);
            errors.Add(error);
            return error;
        }

        Task Call(CreateRecordGroupRequest? r = null) => h.Groups.CreateAsync(r ?? request, cancellationToken: SdkHarness.Token);

        // Success, both operation kinds.
        await Call();
        await h.Groups.ValidateCreateAsync(request, cancellationToken: SdkHarness.Token);

        // 400..404 and an undocumented code, as the emulator itself answers them.
        Assert.Equal("fraction", (await Expect<InvalidParameterException>(() => Call(request with { SavePercentage = 0 }))).Key);
        emulator.AddUser(CanaryUser, "not-the-canary", EnswitchRoles.Administrator);
        await Expect<AuthenticationException>(() => Call());
        emulator.AddUser(CanaryUser, canary.Password, EnswitchRoles.Record);
        await Expect<RoleDeniedException>(() => Call());
        emulator.AddUser(CanaryUser, canary.Password, EnswitchRoles.Administrator, Create);
        await Expect<RatePlanDeniedException>(() => Call());
        emulator.AddUser(CanaryUser, canary.Password, EnswitchRoles.Administrator);

        // The same codes from a server that quotes the password back in key and message.
        foreach (var code in new[] { 400, 401, 402, 403, 404, 500 })
        {
            emulator.InjectFault(Create, EmulatorFault.Envelope(canary.ErrorEnvelope(code)));
        }

        await Expect<InvalidParameterException>(() => Call());
        await Expect<AuthenticationException>(() => Call());
        await Expect<RoleDeniedException>(() => Call());
        await Expect<RatePlanDeniedException>(() => Call());
        await Expect<NotFoundException>(() => Call());
        Assert.Equal(500, (await Expect<EnswitchApiException>(() => Call())).Code);

        // Unusable responses: proxy pages and broken JSON echoing the password, and a redirect carrying it.
        emulator.InjectFault(Create, EmulatorFault.Raw(502, canary.HtmlEcho()));
        Assert.Equal(502, (await Expect<EnswitchProtocolException>(() => Call())).HttpStatus);
        emulator.InjectFault(Create, EmulatorFault.Raw(200, canary.HtmlEcho()));
        await Expect<EnswitchProtocolException>(() => Call());
        emulator.InjectFault(Create, EmulatorFault.Envelope("{\"responses\":[{\"code\":\"200\",\"message\":\"" + canary.Echo()));
        await Expect<EnswitchProtocolException>(() => Call());
        emulator.InjectFault(Create, EmulatorFault.Raw(307, canary.HtmlEcho(), headers: new Dictionary<string, string> { ["Location"] = canary.RedirectTarget(emulator.BaseAddress) }));
        await Expect<EnswitchProtocolException>(() => Call());

        // A read-like call retried on proxy pages until it gives up (retry events in the logs).
        emulator.InjectFault(Create, EmulatorFault.Raw(502, canary.HtmlEcho()), count: 1 + EnswitchClientOptions.DefaultMaxRetries);
        Assert.Equal(1 + EnswitchClientOptions.DefaultMaxRetries, (await Expect<EnswitchProtocolException>(() => h.Groups.ValidateCreateAsync(request, cancellationToken: SdkHarness.Token))).Attempts);

        // No answer: the server reads the request and closes; and no connection at all.
        emulator.InjectFault(Create, EmulatorFault.CloseAfterRequest);
        Assert.True((await Expect<EnswitchTransportException>(() => Call())).OutcomeUnknown);
        var sentBefore = emulator.Journal.Count;
        await emulator.StopAcceptingAsync(SdkHarness.Token);
        var refused = await Expect<EnswitchTransportException>(() => Call());
        await emulator.ResumeAcceptingAsync(SdkHarness.Token);
        Assert.False(refused.RequestSent);
        Assert.Equal(sentBefore, emulator.Journal.Count);

        // Every request really carried the canary, so its absence elsewhere means something.
        Assert.Equal(2 + 4 + 6 + 4 + 1 + EnswitchClientOptions.DefaultMaxRetries + 1, emulator.Journal.Count);
        Assert.All(emulator.Journal, r => Assert.Equal(canary.Password, r["auth_password"]));
        return errors;
    }

    /// <summary>Every way an exception can be printed, inspected or serialized.</summary>
    private static IEnumerable<(string Where, string? Text)> Views(Exception error)
    {
        yield return ("Message", error.Message);
        yield return ("ToString()", error.ToString());
        yield return ("interpolated", $"{error}");
        yield return ("JSON", Json(error));
        foreach (DictionaryEntry entry in error.Data)
        {
            yield return ("Data", $"{entry.Key}={entry.Value}");
        }

        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            yield return ($"inner {inner.GetType().Name}", inner.ToString());
        }

        switch (error)
        {
            case EnswitchProtocolException protocol:
                yield return ("BodySnippet", protocol.BodySnippet);
                break;
            case EnswitchApiException api:
                yield return ("Key", api.Key);
                yield return ("ServerMessage", api.ServerMessage);
                foreach (var entry in api.Responses)
                {
                    yield return ("Responses entry", entry.ToString());
                    yield return ("Responses entry JSON", JsonSerializer.Serialize(entry));
                }

                break;
        }
    }

    private static string Json(Exception error)
    {
        try
        {
            return JsonSerializer.Serialize(error, error.GetType());
        }
        catch (NotSupportedException unsupported) when (unsupported.Message.Contains("'System.Reflection.MethodBase'", StringComparison.Ordinal) || unsupported.Message.Contains("'System.Type'", StringComparison.Ordinal))
        {
            return JsonSerializer.Serialize(error, error.GetType(), WithoutReflectionMembers);
        }
    }

    /// <summary>Everything the log providers received: messages, structured state, scopes and exceptions.</summary>
    private static string LogText(SdkHarness h)
    {
        var text = new StringBuilder(h.AllLogText());
        foreach (var record in h.Logs.GetSnapshot())
        {
            foreach (var scope in record.Scopes)
            {
                text.Append('\n').Append(scope);
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var value in values)
                    {
                        text.Append(' ').Append(value.Key).Append('=').Append(value.Value);
                    }
                }
            }

            text.Append('\n').Append(record.Exception);
        }

        return text.ToString();
    }

    /// <summary>
    /// A password that needs encoding everywhere, with two random fragments that survive any encoding, so a
    /// leak is found whether it is raw, percent-encoded, JSON-escaped or cut in half.
    /// </summary>
    private sealed class Canary
    {
        private Canary(string head, string tail)
        {
            Head = head;
            Tail = tail;
            Password = $"Cy{head}&=;+% é😀\"<>'/?#{tail}";
        }

        public string Head { get; }

        public string Tail { get; }

        public string Password { get; }

        /// <summary>Creates the canary of one test: seeded by the test's name, so a failure replays with the same password.</summary>
        public static Canary Create([CallerMemberName] string test = "")
        {
            // A stable hash (FNV-1a): string.GetHashCode differs from one process to the next.
            var seed = unchecked((int)2166136261);
            foreach (var c in test)
            {
                seed = unchecked((seed ^ c) * 16777619);
            }

            var random = new Random(seed);
            var bytes = new byte[12];
            random.NextBytes(bytes);
            return new(Convert.ToHexString(bytes, 0, 6), Convert.ToHexString(bytes, 6, 6));
        }

        /// <summary>The password as a server might quote it: raw and in every percent-encoding.</summary>
        public string Echo()
        {
            var escaped = Uri.EscapeDataString(Password);
            return $"raw [{Password}] escaped [{escaped}] lower [{escaped.ToLowerInvariant()}] plus [{escaped.Replace("%20", "+", StringComparison.Ordinal)}] form [{WebUtility.UrlEncode(Password)}]";
        }

        public string HtmlEcho() => $"<html><body><h1>Bad Gateway</h1><p>{Echo()}</p></body></html>";

        public string ErrorEnvelope(int code) => JsonSerializer.Serialize(new
        {
            responses = new[] { new { code = code.ToString(CultureInfo.InvariantCulture), key = Password, message = "Rejected " + Echo() } },
        });

        public string RedirectTarget(Uri baseAddress) => $"{baseAddress}login?auth_password={Uri.EscapeDataString(Password)}";

        public void AssertAbsent(string where, string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            var escaped = Uri.EscapeDataString(Password);
            string[] forms = [Password, escaped, escaped.Replace("%20", "+", StringComparison.Ordinal), WebUtility.UrlEncode(Password), JsonEncodedText.Encode(Password).ToString(), Head, Tail];
            foreach (var variant in forms)
            {
                var at = text.IndexOf(variant, StringComparison.OrdinalIgnoreCase);
                if (at >= 0)
                {
                    var from = Math.Max(0, at - 120);
                    Assert.Fail($"{where} holds the password (form '{variant}'): ...{text.Substring(from, Math.Min(text.Length - from, 240 + variant.Length))}...");
                }
            }
        }
    }

    private sealed record WireCase(string Password, string Name, string Description, string Email)
    {
        public bool HasLoneSurrogate => new[] { Password, Name, Description, Email }.Any(s => !IsWellFormed(s));

        public override string ToString() =>
            $"WireCase {{ Password = {Show(Password)}, Name = {Show(Name)}, Description = {Show(Description)}, Email = {Show(Email)} }}";

        private static string Show(string s) => JsonSerializer.Serialize(s);

        private static bool IsWellFormed(string s)
        {
            for (var i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(s[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private sealed record ActivityRecord(string Source, string Name, string Phase, string Text)
    {
        public static ActivityRecord Of(Activity activity, string phase) =>
            new(activity.Source.Name, activity.OperationName, phase, TelemetryRecorder.Describe(activity));
    }

    /// <summary>Subscribes to every <see cref="DiagnosticListener"/> in the process and records each event.</summary>
    private sealed class DiagnosticRecorder : IObserver<DiagnosticListener>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];
        private IDisposable? _all;

        public ConcurrentQueue<(string Listener, string Name, string? Payload, string CurrentActivity)> Events { get; } = new();

        public static DiagnosticRecorder Start()
        {
            var recorder = new DiagnosticRecorder();
            recorder._all = DiagnosticListener.AllListeners.Subscribe(recorder);
            return recorder;
        }

        public void OnNext(DiagnosticListener value)
        {
            var name = value.Name;
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(new EventObserver(e =>
                {
                    var current = Activity.Current is { } a ? ActivityRecord.Of(a, "event").Text : string.Empty;
                    Events.Enqueue((name, e.Key, e.Value?.ToString(), current));
                })));
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all?.Dispose();
            lock (_subscriptions)
            {
                foreach (var subscription in _subscriptions)
                {
                    subscription.Dispose();
                }
            }
        }

        private sealed class EventObserver(Action<KeyValuePair<string, object?>> onNext) : IObserver<KeyValuePair<string, object?>>
        {
            public void OnNext(KeyValuePair<string, object?> value) => onNext(value);

            public void OnCompleted()
            {
            }

            public void OnError(Exception error)
            {
            }
        }
    }

    /// <summary>Logs each request URI in full, as Microsoft.Extensions.Http 8.0 does, from outside the SDK's innermost handler.</summary>
    private sealed class FullUriLoggingHandler(ILoggerFactory loggers) : DelegatingHandler
    {
        private static readonly Action<ILogger, string, string, Exception?> Sending =
            LoggerMessage.Define<string, string>(LogLevel.Information, new EventId(80), "Start processing HTTP request {Method} {Uri}");

        private static readonly Action<ILogger, string, Exception?> Done =
            LoggerMessage.Define<string>(LogLevel.Information, new EventId(81), "End processing HTTP request {Uri}");

        private readonly ILogger _logger = loggers.CreateLogger(Category);

        public static string Category => "Tests.FullUriLogger";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sending(_logger, request.Method.Method, request.RequestUri!.AbsoluteUri, null);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Done(_logger, request.RequestUri!.AbsoluteUri, null);
            }
        }
    }
}

/// <summary>The credential and secrecy rows with the emulator on a socket.</summary>
public sealed class CredentialTestsOverSockets() : CredentialTests(EmulatorForm.Socket);

/// <summary>The credential and secrecy rows with the emulator in memory, the SDK sending through its handler.</summary>
public sealed class CredentialTestsInMemory() : CredentialTests(EmulatorForm.InMemory);
