using System.Security.Cryptography;
using System.Text.Json;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static Enswitch.Client.IntegrationTests.RecordingSeed;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The whole documented recording category (issue 4's acceptance list: groups create and update; recordings
/// list, get, copy, update and start), the raw <see cref="IEnswitchClient.CallAsync"/> and the
/// <see cref="EnswitchClientOptions.ServerVersion"/> gate: the SDK against the emulator over real loopback
/// sockets. Every test asserts what the client returned or threw AND what the emulator received and stored.
/// Grouped by method, Octokit style; fault-matrix rows (faults.md) prefix the names where one applies.
/// </summary>
public static class RecordingCategoryTests
{
    private const string GroupsCreate = "recording/groups/create";
    private const string GroupsUpdate = "recording/groups/update";
    private const string List = "recording/recordings/list";
    private const string Get = "recording/recordings/get";
    private const string Copy = "recording/recordings/copy";
    private const string RecordingUpdate = "recording/recordings/update";
    private const string Start = "recording/recordings/start";
    private const string Login = "user/login";

    private const string LimitedUser = "limited";
    private const string Secret = "limited-secret;&=+% é";
    private const string Closed = "close after request";


    /// <summary>Who calls in a denied-caller test, and so which documented code the emulator answers.</summary>
    public enum Caller
    {
        /// <summary>The right user with a wrong password: 401.</summary>
        WrongPassword,

        /// <summary>A user whose role lacks every privilege the function accepts: 402.</summary>
        MissingRole,

        /// <summary>A user whose rate plan does not permit the function: 403.</summary>
        RatePlanDenied,
    }

    private static CancellationToken Token => SdkHarness.Token;

    private static IRecordingsClient Recordings(SdkHarness h) => h.Services.GetRequiredService<IRecordingsClient>();

    private static IEnswitchClient Client(SdkHarness h) => h.Services.GetRequiredService<IEnswitchClient>();

    /// <summary>The parameters a request carried, credentials left out, in the order received.</summary>
    private static (string Name, string Value)[] Sent(EmulatorRequest request) =>
        [.. request.Parameters.Where(p => !p.Key.StartsWith("auth_", StringComparison.Ordinal)).Select(p => (p.Key, p.Value))];

    private static string Unix(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<byte[]> ReadAllAsync(RecordingDownload download)
    {
        using var buffer = new MemoryStream();
        await download.Content.CopyToAsync(buffer, Token);
        return buffer.ToArray();
    }

    /// <summary>
    /// Starts the SDK authenticating as <see cref="LimitedUser"/>, a user the emulator holds with the password
    /// <see cref="Secret"/>: with a wrong password, without the roles in <paramref name="accepted"/>, or with a
    /// rate plan that denies <paramref name="function"/>.
    /// </summary>
    private static async Task<SdkHarness> StartAsAsync(Caller caller, string function, EnswitchRoles accepted, EnswitchEmulatorOptions? emulatorOptions = null)
    {
        var h = await SdkHarness.StartAsync(
            o =>
            {
                o.Username = LimitedUser;
                o.Password = caller == Caller.WrongPassword ? "wrong-" + Secret : Secret;
            },
            emulatorOptions: emulatorOptions);
        var roles = caller == Caller.MissingRole ? EnswitchRoles.All & ~accepted : EnswitchRoles.All;
        h.Emulator.AddUser(LimitedUser, Secret, roles, caller == Caller.RatePlanDenied ? [function] : []);
        return h;
    }

    /// <summary>
    /// Asserts the typed exception for a denied caller: the documented code, no key, not retried, outcome
    /// known, no password in the message; and that the emulator received exactly that one request.
    /// </summary>
    private static async Task AssertDeniedAsync(SdkHarness h, Caller caller, string function, Func<Task> call)
    {
        var (type, code) = caller switch
        {
            Caller.WrongPassword => (typeof(AuthenticationException), 401),
            Caller.MissingRole => (typeof(RoleDeniedException), 402),
            _ => (typeof(RatePlanDeniedException), 403),
        };

        var error = (EnswitchApiException)await Assert.ThrowsAsync(type, call);

        Assert.Equal(code, error.Code);
        Assert.Equal(function, error.Function);
        Assert.Equal(string.Empty, error.Key);
        Assert.Equal(1, error.Attempts);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(200, error.HttpStatus);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        var request = Assert.Single(h.Emulator.Journal);
        Assert.Equal(function, request.Function);
        Assert.Equal(caller == Caller.WrongPassword ? EmulatorCredential.None : EmulatorCredential.Password, request.AuthenticatedWith);
        Assert.Empty(h.Signal.Messages(3));
    }

    /// <summary>Asserts a 400 or 404 as its typed exception with the key, not retried, outcome known; and one request received.</summary>
    private static async Task<TException> AssertApiErrorAsync<TException>(SdkHarness h, string function, int code, string key, Func<Task> call)
        where TException : EnswitchApiException
    {
        var error = await Assert.ThrowsAsync<TException>(call);

        Assert.Equal(code, error.Code);
        Assert.Equal(key, error.Key);
        Assert.Equal(function, error.Function);
        Assert.Equal(1, error.Attempts);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(function, Assert.Single(h.Emulator.Journal).Function);
        Assert.Empty(h.Signal.Messages(3));
        return error;
    }

    /// <summary>
    /// Asserts faults.md T7 for a call whose first request the emulator read and then closed: the SDK retried
    /// once (one "retry scheduled" event, success after 2 attempts), and the emulator received the same
    /// request twice, the first faulted and the second served.
    /// </summary>
    private static void AssertRetriedOnceAfterClose(SdkHarness h, string function)
    {
        var requests = h.Emulator.RequestsTo(function);
        Assert.Equal(2, requests.Count);
        Assert.Equal(2, h.Emulator.Journal.Count);
        Assert.Equal(Closed, requests[0].Fault);
        Assert.Null(requests[1].Fault);
        Assert.Equal(requests[0].Parameters, requests[1].Parameters);
        Assert.Contains("NoAnswer", Assert.Single(h.Signal.Messages(3)), StringComparison.Ordinal);
        Assert.Contains("after 2 attempt(s)", Assert.Single(h.Signal.Messages(2)), StringComparison.Ordinal);
    }

    /// <summary>Asserts faults.md T6 for a non-idempotent call: not retried, outcome unknown, one request received.</summary>
    private static void AssertNotRetriedOutcomeUnknown(SdkHarness h, string function, EnswitchTransportException error, int expectedRequests = 1)
    {
        Assert.True(error.OutcomeUnknown);
        Assert.True(error.RequestSent);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(function, error.Function);
        Assert.Equal(expectedRequests, h.Emulator.RequestsTo(function).Count);
        Assert.All(h.Emulator.RequestsTo(function), r => Assert.Equal(Closed, r.Fault));
        Assert.Empty(h.Signal.Messages(3));
    }

    /// <summary>Asserts that a request record's check threw an <see cref="ArgumentException"/> naming the property, and nothing was sent.</summary>
    private static async Task AssertRefusedBeforeSendingAsync(SdkHarness h, string property, Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(call);

        Assert.Equal(property, error.ParamName);
        Assert.Empty(h.Emulator.Journal);
    }

    private static EmulatorFault InvalidEnvelope(string key) =>
        EmulatorFault.Envelope($$"""{"responses":[{"code":"400","key":"{{key}}","message":"Invalid {{key}} specified"}]}""");

    public class TheRecordGroupsCreateAsyncMethod
    {
        [Fact]
        public async Task StoresTheGroupWithTheGivenFields_AndReturnsItsId()
        {
            await using var h = await SdkHarness.StartAsync();

            var result = await h.Groups.CreateAsync(new CreateRecordGroupRequest("Support") { Email = "rec@example.com", ExpiryDays = 30, BeepIntervalSeconds = 15, RecordOutbound = false }, cancellationToken: Token);

            var group = Assert.Single(h.Emulator.RecordGroups);
            Assert.Equal(result.Id, group.Id);
            Assert.Equal(RecordGroupDefaults(group.Id, "Support") with { Email = "rec@example.com", ExpiryDays = 30, BeepIntervalSeconds = 15, RecordOutbound = false }, group);
            var request = Assert.Single(h.Emulator.Journal);
            Assert.Equal([("name", "Support"), ("email", "rec@example.com"), ("expires", "30"), ("beep", "15"), ("record_out", "0")], Sent(request));
            Assert.Empty(request.UnknownParameters);
        }

        [Fact]
        public async Task ValidateCreateAsync_Answers201_AndStoresNothing()
        {
            await using var h = await SdkHarness.StartAsync();

            await h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("Support") { SavePercentage = 50 }, cancellationToken: Token);

            Assert.Empty(h.Emulator.RecordGroups);
            Assert.Equal([("name", "Support"), ("fraction", "50"), ("validation", "1")], Sent(Assert.Single(h.Emulator.Journal)));
            Assert.Contains("code 201", Assert.Single(h.Signal.Messages(2)), StringComparison.Ordinal);
        }

        [Fact]
        public async Task J7_ServerRejectsAParameter_InvalidParameterExceptionWithKey_NothingStored()
        {
            // A 3.13 server does not accept fraction 0; with ServerVersion unset the SDK leaves that to the server.
            await using var h = await SdkHarness.StartAsync(emulatorOptions: new EnswitchEmulatorOptions { Version = new(3, 13) });

            await AssertApiErrorAsync<InvalidParameterException>(h, GroupsCreate, 400, "fraction", () => h.Groups.CreateAsync(new CreateRecordGroupRequest("x") { SavePercentage = 0 }, cancellationToken: Token));

            Assert.Empty(h.Emulator.RecordGroups);
        }

        [Theory]
        [InlineData(Caller.WrongPassword)]
        [InlineData(Caller.MissingRole)]
        [InlineData(Caller.RatePlanDenied)]
        public async Task J8_DeniedCaller_TypedException_NothingStored(Caller caller)
        {
            await using var h = await StartAsAsync(caller, GroupsCreate, EnswitchRoles.Administrator);

            await AssertDeniedAsync(h, caller, GroupsCreate, () => h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

            Assert.Empty(h.Emulator.RecordGroups);
        }

        [Fact]
        public async Task ValidateCreateAsync_DeniedRole_RoleDeniedException()
        {
            await using var h = await StartAsAsync(Caller.MissingRole, GroupsCreate, EnswitchRoles.Administrator);

            await AssertDeniedAsync(h, Caller.MissingRole, GroupsCreate, () => h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));
        }

        [Fact]
        public async Task T6_CreateReadThenConnectionClosedOnce_IsNotRetried_OutcomeUnknown()
        {
            await using var h = await SdkHarness.StartAsync();
            h.Emulator.InjectFault(GroupsCreate, EmulatorFault.CloseAfterRequest, count: 1);

            var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));

            AssertNotRetriedOutcomeUnknown(h, GroupsCreate, error);
            Assert.Empty(h.Emulator.RecordGroups);
        }

        [Fact]
        public async Task T7_ValidateCreateReadThenConnectionClosedOnce_IsRetried_AndSucceeds()
        {
            await using var h = await SdkHarness.StartAsync();
            h.Emulator.InjectFault(GroupsCreate, EmulatorFault.CloseAfterRequest, count: 1);

            await h.Groups.ValidateCreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token);

            AssertRetriedOnceAfterClose(h, GroupsCreate);
            Assert.Equal("1", h.Emulator.RequestsTo(GroupsCreate)[1]["validation"]);
            Assert.Empty(h.Emulator.RecordGroups);
        }
    }

    public class TheRecordGroupsUpdateAsyncMethod
    {
        [Fact]
        public async Task SendsOnlyTheFieldsThatAreSet_InTheGuidesOrder_AndTheGroupChanges()
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Old", configure: g => g with { Description = "kept", ExpiryDays = 30, BeepIntervalSeconds = 5, Transcribe = true });

            await h.Groups.UpdateAsync(new UpdateRecordGroupRequest(group.Id) { Transcribe = true, RecordInbound = false, Name = "New", BeepIntervalSeconds = 5 }, cancellationToken: Token);

            Assert.Equal(group with { Name = "New", RecordInbound = false }, Assert.Single(h.Emulator.RecordGroups));
            var request = Assert.Single(h.Emulator.Journal);
            Assert.Equal([("id", $"{group.Id}"), ("beep", "5"), ("name", "New"), ("record_in", "0"), ("transcribe", "1")], Sent(request));
            Assert.Empty(request.UnknownParameters);
            Assert.Contains("code 204", Assert.Single(h.Signal.Messages(2)), StringComparison.Ordinal);
        }

        [Fact]
        public async Task LeavingBeepAndTranscribeUnset_ResetsThemOnTheServer_AsTheGuideDocuments()
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Old", configure: g => g with { BeepIntervalSeconds = 5, Transcribe = true });

            await h.Groups.UpdateAsync(new UpdateRecordGroupRequest(group.Id) { Description = "changed" }, cancellationToken: Token);

            Assert.Equal([("id", $"{group.Id}"), ("description", "changed")], Sent(Assert.Single(h.Emulator.Journal)));
            Assert.Equal(group with { Description = "changed", BeepIntervalSeconds = 0, Transcribe = false }, Assert.Single(h.Emulator.RecordGroups));
        }

        [Fact]
        public async Task ValidateUpdateAsync_Answers201_AndChangesNothing()
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Old", configure: g => g with { BeepIntervalSeconds = 5 });

            await h.Groups.ValidateUpdateAsync(new UpdateRecordGroupRequest(group.Id) { Name = "New" }, cancellationToken: Token);

            Assert.Equal(group, Assert.Single(h.Emulator.RecordGroups));
            Assert.Equal([("id", $"{group.Id}"), ("name", "New"), ("validation", "1")], Sent(Assert.Single(h.Emulator.Journal)));
            Assert.Contains("code 201", Assert.Single(h.Signal.Messages(2)), StringComparison.Ordinal);
        }

        [Fact]
        public async Task J7_ServerRejectsAParameter_InvalidParameterExceptionWithKey_GroupUnchanged()
        {
            await using var h = await SdkHarness.StartAsync(emulatorOptions: new EnswitchEmulatorOptions { Version = new(3, 13) });
            var group = h.Emulator.AddRecordGroup("Old");

            await AssertApiErrorAsync<InvalidParameterException>(h, GroupsUpdate, 400, "fraction", () => h.Groups.UpdateAsync(new UpdateRecordGroupRequest(group.Id) { SavePercentage = 0, Name = "New" }, cancellationToken: Token));

            Assert.Equal(group, Assert.Single(h.Emulator.RecordGroups));
        }

        [Theory]
        [InlineData(Caller.WrongPassword)]
        [InlineData(Caller.MissingRole)]
        [InlineData(Caller.RatePlanDenied)]
        public async Task J8_DeniedCaller_TypedException_GroupUnchanged(Caller caller)
        {
            await using var h = await StartAsAsync(caller, GroupsUpdate, EnswitchRoles.Record | EnswitchRoles.Administrator);
            var group = h.Emulator.AddRecordGroup("Old");

            await AssertDeniedAsync(h, caller, GroupsUpdate, () => h.Groups.UpdateAsync(new UpdateRecordGroupRequest(group.Id) { Name = "New" }, cancellationToken: Token));

            Assert.Equal(group, Assert.Single(h.Emulator.RecordGroups));
        }

        [Theory]
        [InlineData(false, false)]
        [InlineData(false, true)]
        [InlineData(true, false)]
        public async Task J8_MissingOrForeignGroup_NotFoundException(bool validationOnly, bool foreign)
        {
            await using var h = await SdkHarness.StartAsync();
            var theirs = h.Emulator.AddRecordGroup("Theirs", customerId: 2);
            var groups = h.Emulator.RecordGroups;
            var request = new UpdateRecordGroupRequest(foreign ? theirs.Id : theirs.Id + 100) { Name = "New" };

            await AssertApiErrorAsync<NotFoundException>(h, GroupsUpdate, 404, "id", () => validationOnly ? h.Groups.ValidateUpdateAsync(request, cancellationToken: Token) : h.Groups.UpdateAsync(request, cancellationToken: Token));

            Assert.Equal(groups, h.Emulator.RecordGroups);
        }

        [Theory]
        [InlineData("Id")]
        [InlineData("Name")]
        [InlineData("SavePercentage")]
        [InlineData("BeepIntervalSeconds")]
        [InlineData("ExpiryDays")]
        public async Task BrokenRule_ThrowsArgumentException_BeforeSending(string property)
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Old");
            var valid = new UpdateRecordGroupRequest(group.Id);
            var request = property switch
            {
                "Id" => new UpdateRecordGroupRequest(0) { Name = "x" },
                "Name" => valid with { Name = " " },
                "SavePercentage" => valid with { SavePercentage = 101 },
                "BeepIntervalSeconds" => valid with { BeepIntervalSeconds = -1 },
                _ => valid with { ExpiryDays = -1 },
            };

            await AssertRefusedBeforeSendingAsync(h, property, () => h.Groups.UpdateAsync(request, cancellationToken: Token));
            await AssertRefusedBeforeSendingAsync(h, property, () => h.Groups.ValidateUpdateAsync(request, cancellationToken: Token));
        }

        [Fact]
        public async Task T7_UpdateReadThenConnectionClosedOnce_IsRetried_AndTheGroupChanges()
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Old");
            h.Emulator.InjectFault(GroupsUpdate, EmulatorFault.CloseAfterRequest, count: 1);

            await h.Groups.UpdateAsync(new UpdateRecordGroupRequest(group.Id) { Name = "New" }, cancellationToken: Token);

            AssertRetriedOnceAfterClose(h, GroupsUpdate);
            Assert.Equal(group with { Name = "New" }, Assert.Single(h.Emulator.RecordGroups));
        }

        [Fact]
        public async Task T7_ValidateUpdateReadThenConnectionClosedOnce_IsRetried_AndChangesNothing()
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Old");
            h.Emulator.InjectFault(GroupsUpdate, EmulatorFault.CloseAfterRequest, count: 1);

            await h.Groups.ValidateUpdateAsync(new UpdateRecordGroupRequest(group.Id) { Name = "New" }, cancellationToken: Token);

            AssertRetriedOnceAfterClose(h, GroupsUpdate);
            Assert.Equal(group, Assert.Single(h.Emulator.RecordGroups));
        }
    }

    public class TheRecordingsListAsyncMethod
    {
        [Fact]
        public async Task ReturnsTypedRows_AndKeepsUnknownFieldsInAdditionalFields()
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            h.Emulator.AddRecording(NewRecording(group.Id, "1700000000.1", T0, seconds: 75, complete: true, recordId: "2", expires: T0.AddDays(9)) with { TalkTimeSeconds = 50 });

            var rows = await Recordings(h).ListAsync(ListRecordingsRequest.ForRecordGroup(group.Id), cancellationToken: Token);

            var row = Assert.Single(rows);
            Assert.Equal("1700000000.1", row.UniqueId);
            Assert.Equal("2", row.RecordId);
            Assert.Equal(group.Id, row.RecordGroupId);
            Assert.Equal(T0, row.Start);
            Assert.Equal(T0.AddSeconds(75), row.End);
            Assert.Equal(TimeSpan.FromSeconds(75), row.TotalTime);
            Assert.Equal(T0.AddDays(9), row.Expires);
            Assert.Equal(("01632960001", "01632960003", "01632960002"), (row.CNumber, row.SNumber, row.DNumber));
            Assert.True(row.Complete);
            Assert.Equal("audio/wav", row.MimeType);
            Assert.Equal(3, row.Size);
            Assert.Equal(["path", "scustomer", "talktime"], row.AdditionalFields.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(50, row.AdditionalFields["talktime"].GetInt32());
            Assert.Equal(1, row.AdditionalFields["scustomer"].GetInt64());
            Assert.Equal($"1/{group.Id}/2023/11/14/record_17000000001_2", row.AdditionalFields["path"].GetString());
            Assert.Equal([("recordgroup", $"{group.Id}")], Sent(Assert.Single(h.Emulator.Journal)));
        }

        [Fact]
        public async Task SendsEveryFilterWithItsDocumentedNameAndValue_AndGetsTheMatchingRows()
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            var other = h.Emulator.AddRecordGroup("Also mine");
            h.Emulator.AddRecording(NewRecording(group.Id, "a", T0, seconds: 30, caller: "0111", called: "0999"));
            h.Emulator.AddRecording(NewRecording(group.Id, "b", T0.AddSeconds(10), seconds: 10, caller: "0222", called: "0888"));
            h.Emulator.AddRecording(NewRecording(group.Id, "c", T0.AddSeconds(20), seconds: 20, caller: "0223", called: "0887", complete: false));
            h.Emulator.AddRecording(NewRecording(group.Id, "d", T0.AddSeconds(30), seconds: 20, caller: "0222", called: "0888"));
            h.Emulator.AddRecording(NewRecording(group.Id, "e", T0.AddSeconds(15), seconds: 40, caller: "0222", called: "0888"));
            h.Emulator.AddRecording(NewRecording(other.Id, "f", T0.AddSeconds(10), seconds: 10, caller: "0222", called: "0888"));

            var rows = await Recordings(h).ListAsync(
                ListRecordingsRequest.ForRecordGroup(group.Id) with
                {
                    From = T0.AddSeconds(5),
                    To = T0.AddSeconds(25).ToOffset(TimeSpan.FromHours(-5)),
                    Called = "88",
                    Caller = "22",
                    Completeness = RecordingCompleteness.Both,
                    MinimumTotalTime = TimeSpan.FromSeconds(10),
                    MaximumTotalTime = TimeSpan.FromMinutes(0.5),
                    SortBy = RecordingSortField.TotalTime,
                    SortDirection = RecordingSortDirection.Descending,
                },
                cancellationToken: Token);

            Assert.Equal(["c", "b"], rows.Select(r => r.UniqueId));
            Assert.Equal(
                [
                    ("recordgroup", $"{group.Id}"), ("start", Unix(T0.AddSeconds(5))), ("end", Unix(T0.AddSeconds(25))), ("called", "88"), ("caller", "22"),
                    ("complete", "-1"), ("totaltime_minimum", "10"), ("totaltime_maximum", "30"), ("sort", "totaltime"), ("descending", "1"),
                ],
                Sent(Assert.Single(h.Emulator.Journal)));
        }

        [Theory]
        [InlineData(null, null, "a,b")]
        [InlineData(RecordingCompleteness.Finished, "1", "a,b")]
        [InlineData(RecordingCompleteness.InProgress, "0", "c")]
        [InlineData(RecordingCompleteness.Both, "-1", "a,b,c")]
        public async Task Completeness_IsSentAsOneZeroOrMinusOne(RecordingCompleteness? completeness, string? wire, string expected)
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            h.Emulator.AddRecording(NewRecording(group.Id, "a", T0));
            h.Emulator.AddRecording(NewRecording(group.Id, "b", T0.AddSeconds(1)));
            h.Emulator.AddRecording(NewRecording(group.Id, "c", T0.AddSeconds(2), complete: false));

            var rows = await Recordings(h).ListAsync(ListRecordingsRequest.ForRecordGroup(group.Id) with { Completeness = completeness }, cancellationToken: Token);

            Assert.Equal(expected.Split(','), rows.Select(r => r.UniqueId));
            Assert.Equal(rows.Select(r => r.UniqueId != "c"), rows.Select(r => r.Complete ?? false));
            Assert.Equal(wire, Assert.Single(h.Emulator.Journal)["complete"]);
        }

        // Five seeded rows' orders differ for every sort column, so a wrong column name cannot pass.
        [Theory]
        [InlineData(RecordingSortField.Start, "start", false, "a,b,c")]
        [InlineData(RecordingSortField.TotalTime, "totaltime", false, "b,c,a")]
        [InlineData(RecordingSortField.CNumber, "cnumber", false, "c,a,b")]
        [InlineData(RecordingSortField.SNumber, "snumber", false, "a,c,b")]
        [InlineData(RecordingSortField.Expires, "expires", false, "c,b,a")]
        [InlineData(RecordingSortField.Expires, "expires", true, "a,b,c")]
        [InlineData(RecordingSortField.TotalTime, "totaltime", true, "a,c,b")]
        public async Task SortAndDescending_AreSentWithTheDocumentedNames(RecordingSortField sortBy, string wire, bool descending, string expected)
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            h.Emulator.AddRecording(NewRecording(group.Id, "a", T0, seconds: 30, caller: "0222", source: "0111", expires: T0.AddDays(3)));
            h.Emulator.AddRecording(NewRecording(group.Id, "b", T0.AddSeconds(10), seconds: 10, caller: "0333", source: "0333", expires: T0.AddDays(2)));
            h.Emulator.AddRecording(NewRecording(group.Id, "c", T0.AddSeconds(20), seconds: 20, caller: "0111", source: "0222", expires: T0.AddDays(1)));

            var rows = await Recordings(h).ListAsync(ListRecordingsRequest.ForRecordGroup(group.Id) with { SortBy = sortBy, SortDirection = descending ? RecordingSortDirection.Descending : RecordingSortDirection.Ascending }, cancellationToken: Token);

            Assert.Equal(expected.Split(','), rows.Select(r => r.UniqueId));
            var request = Assert.Single(h.Emulator.Journal);
            Assert.Equal((wire, descending ? "1" : "0"), (request["sort"], request["descending"]));
        }

        [Fact]
        public async Task ForCustomer_SendsCustomer_AndListsEveryGroupOfTheCustomer()
        {
            await using var h = await SdkHarness.StartAsync();
            var first = h.Emulator.AddRecordGroup("First");
            var second = h.Emulator.AddRecordGroup("Second");
            var foreign = h.Emulator.AddRecordGroup("Theirs", customerId: 2);
            h.Emulator.AddRecording(NewRecording(first.Id, "a", T0));
            h.Emulator.AddRecording(NewRecording(second.Id, "b", T0.AddSeconds(1)));
            h.Emulator.AddRecording(NewRecording(foreign.Id, "c", T0.AddSeconds(2)));

            var rows = await Recordings(h).ListAsync(ListRecordingsRequest.ForCustomer(1), cancellationToken: Token);

            Assert.Equal([("a", first.Id), ("b", second.Id)], rows.Select(r => (r.UniqueId, r.RecordGroupId ?? 0)));
            Assert.Equal([("customer", "1")], Sent(Assert.Single(h.Emulator.Journal)));
        }

        [Theory]
        [InlineData(null, null)]
        [InlineData(1L, 1L)]
        public async Task NeitherOrBothOfCustomerAndRecordGroup_ThrowsArgumentException_BeforeSending(long? customer, long? recordGroup)
        {
            await using var h = await SdkHarness.StartAsync();

            var error = await Assert.ThrowsAsync<ArgumentException>(() => Recordings(h).ListAsync(new ListRecordingsRequest { CustomerId = customer, RecordGroupId = recordGroup }, cancellationToken: Token));

            Assert.Contains("exactly one", error.Message, StringComparison.Ordinal);
            Assert.Empty(h.Emulator.Journal);
        }

        [Theory]
        [InlineData("CustomerId")]
        [InlineData("RecordGroupId")]
        [InlineData("From")]
        [InlineData("MinimumTotalTime")]
        public async Task BrokenRule_ThrowsArgumentException_BeforeSending(string property)
        {
            await using var h = await SdkHarness.StartAsync();
            var request = property switch
            {
                "CustomerId" => ListRecordingsRequest.ForCustomer(0),
                "RecordGroupId" => ListRecordingsRequest.ForRecordGroup(-1),
                "From" => ListRecordingsRequest.ForCustomer(1) with { From = T0, To = T0.AddSeconds(-1) },
                _ => ListRecordingsRequest.ForCustomer(1) with { MinimumTotalTime = TimeSpan.FromSeconds(20), MaximumTotalTime = TimeSpan.FromSeconds(10) },
            };

            await AssertRefusedBeforeSendingAsync(h, property, () => Recordings(h).ListAsync(request, cancellationToken: Token));
        }

        [Fact]
        public async Task J7_CustomerTheCallerMayNotSee_InvalidParameterExceptionWithKey()
        {
            await using var h = await SdkHarness.StartAsync();
            h.Emulator.AddRecording(NewRecording(h.Emulator.AddRecordGroup("Theirs", customerId: 2).Id, "a", T0));

            await AssertApiErrorAsync<InvalidParameterException>(h, List, 400, "customer", () => Recordings(h).ListAsync(ListRecordingsRequest.ForCustomer(2), cancellationToken: Token));
        }

        [Fact]
        public async Task J7_RecordGroupTheCallerMayNotSee_InvalidParameterExceptionWithKey()
        {
            await using var h = await SdkHarness.StartAsync();
            var foreign = h.Emulator.AddRecordGroup("Theirs", customerId: 2);

            await AssertApiErrorAsync<InvalidParameterException>(h, List, 400, "recordgroup", () => Recordings(h).ListAsync(ListRecordingsRequest.ForRecordGroup(foreign.Id), cancellationToken: Token));
        }

        // The guide documents 400, 401 and 402 for list: no 403.
        [Theory]
        [InlineData(Caller.WrongPassword)]
        [InlineData(Caller.MissingRole)]
        public async Task J8_DeniedCaller_TypedException(Caller caller)
        {
            await using var h = await StartAsAsync(caller, List, EnswitchRoles.Record);
            var group = h.Emulator.AddRecordGroup("Mine");

            await AssertDeniedAsync(h, caller, List, () => Recordings(h).ListAsync(ListRecordingsRequest.ForRecordGroup(group.Id), cancellationToken: Token));
        }

        [Fact]
        public async Task T7_ListReadThenConnectionClosedOnce_IsRetried_AndReturnsTheRows()
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            h.Emulator.AddRecording(NewRecording(group.Id, "a", T0));
            h.Emulator.InjectFault(List, EmulatorFault.CloseAfterRequest, count: 1);

            var rows = await Recordings(h).ListAsync(ListRecordingsRequest.ForRecordGroup(group.Id), cancellationToken: Token);

            Assert.Equal("a", Assert.Single(rows).UniqueId);
            AssertRetriedOnceAfterClose(h, List);
        }
    }

    public class TheRecordingsGetAsyncMethod
    {
        [Theory]
        [InlineData(RecordingWrap.Json)]
        [InlineData(RecordingWrap.None)]
        public async Task ReturnsTheExactAudio_WithItsContentType(RecordingWrap wrap)
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            var audio = EveryByteValue(400, extra: 1);
            var seeded = NewRecording(group.Id, "1700000000.123456", T0, seconds: 42, audio: audio, recordId: "3") with { MimeType = "audio/mpeg" };
            h.Emulator.AddRecording(seeded);

            await using var download = await Recordings(h).GetAsync(new GetRecordingRequest(group.Id, "1700000000.123456", "3") { Wrap = wrap }, cancellationToken: Token);
            var bytes = await ReadAllAsync(download);

            Assert.Equal(audio, bytes);
            Assert.Equal("audio/mpeg", download.ContentType);
            Assert.Null(download.Sha1);
            var request = Assert.Single(h.Emulator.Journal);
            (string, string) how = wrap == RecordingWrap.Json ? ("encoding", "base64") : ("wrap", "none");
            Assert.Equal([("recordgroup", $"{group.Id}"), ("uniqueid", "1700000000.123456"), ("recordid", "3"), how], Sent(request));
            Assert.Empty(request.UnknownParameters);
            if (wrap == RecordingWrap.None)
            {
                Assert.Null(download.Recording);
                return;
            }

            var row = Assert.IsType<RecordingInfo>(download.Recording);
            Assert.Equal("1700000000.123456", row.UniqueId);
            Assert.Equal("3", row.RecordId);
            Assert.Equal(group.Id, row.RecordGroupId);
            Assert.Equal(T0, row.Start);
            Assert.Equal(T0.AddSeconds(42), row.End);
            Assert.Equal(TimeSpan.FromSeconds(42), row.TotalTime);
            Assert.Equal("audio/mpeg", row.MimeType);
            Assert.Equal(audio.Length, row.Size);
            Assert.True(row.Complete);
            Assert.Equal(seeded.Expires, row.Expires);
            Assert.False(row.AdditionalFields.ContainsKey("data"));
        }

        [Fact]
        public async Task IncludeSha1_ReturnsTheSha1OfTheAudio()
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            var audio = EveryByteValue(50, extra: 1);
            h.Emulator.AddRecording(NewRecording(group.Id, "u", T0, audio: audio));

            await using var download = await Recordings(h).GetAsync(new GetRecordingRequest(group.Id, "u", "1") { IncludeSha1 = true }, cancellationToken: Token);
            var bytes = await ReadAllAsync(download);

#pragma warning disable CA5350 // The guide's sha1 parameter asks for SHA-1 by name: a checksum here, not security.
            var expected = Convert.ToHexString(SHA1.HashData(audio));
#pragma warning restore CA5350
            Assert.Equal(audio, bytes);
            Assert.Equal(expected, download.Sha1, ignoreCase: true);
            Assert.Equal("1", Assert.Single(h.Emulator.Journal)["sha1"]);
        }

        [Theory]
        [InlineData(RecordingWrap.Json, false)]
        [InlineData(RecordingWrap.Json, true)]
        [InlineData(RecordingWrap.None, false)]
        [InlineData(RecordingWrap.None, true)]
        public async Task J8_MissingRecordingOrGroup_NotFoundException(RecordingWrap wrap, bool missingGroup)
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            h.Emulator.AddRecording(NewRecording(group.Id, "u", T0));
            var request = missingGroup ? new GetRecordingRequest(group.Id + 1, "u", "1") : new GetRecordingRequest(group.Id, "u", "9");

            await AssertApiErrorAsync<NotFoundException>(h, Get, 404, missingGroup ? "recordgroup" : "uniqueid", () => Recordings(h).GetAsync(request with { Wrap = wrap }, cancellationToken: Token));
        }

        [Theory]
        [InlineData("RecordGroupId")]
        [InlineData("UniqueId")]
        [InlineData("RecordId")]
        [InlineData("Wrap")]
        public async Task BrokenRule_ThrowsArgumentException_BeforeSending(string property)
        {
            await using var h = await SdkHarness.StartAsync();
            var request = property switch
            {
                "RecordGroupId" => new GetRecordingRequest(0, "u", "1"),
                "UniqueId" => new GetRecordingRequest(1, "", "1"),
                "RecordId" => new GetRecordingRequest(1, "u", " "),
                _ => new GetRecordingRequest(1, "u", "1") { Wrap = (RecordingWrap)7 },
            };

            await AssertRefusedBeforeSendingAsync(h, property, () => Recordings(h).GetAsync(request, cancellationToken: Token));
        }

        [Fact]
        public async Task J7_InvalidParameterAnswer_InvalidParameterExceptionWithKey()
        {
            // Every parameter the guide documents is checked by the SDK before sending, so the emulator cannot
            // be made to reject one; the documented 400 is injected as the envelope the server would send.
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            h.Emulator.AddRecording(NewRecording(group.Id, "u", T0));
            h.Emulator.InjectFault(Get, InvalidEnvelope("uniqueid"));

            await AssertApiErrorAsync<InvalidParameterException>(h, Get, 400, "uniqueid", () => Recordings(h).GetAsync(new GetRecordingRequest(group.Id, "u", "1"), cancellationToken: Token));
        }

        // The guide documents 400, 401, 402 and 404 for get: no 403.
        [Theory]
        [InlineData(Caller.WrongPassword)]
        [InlineData(Caller.MissingRole)]
        public async Task J8_DeniedCaller_TypedException(Caller caller)
        {
            await using var h = await StartAsAsync(caller, Get, EnswitchRoles.Record);
            var group = h.Emulator.AddRecordGroup("Mine");
            h.Emulator.AddRecording(NewRecording(group.Id, "u", T0));

            await AssertDeniedAsync(h, caller, Get, () => Recordings(h).GetAsync(new GetRecordingRequest(group.Id, "u", "1"), cancellationToken: Token));
        }

        [Theory]
        [InlineData(RecordingWrap.Json)]
        [InlineData(RecordingWrap.None)]
        public async Task T7_GetReadThenConnectionClosedOnce_IsRetried_AndReturnsTheAudio(RecordingWrap wrap)
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            var audio = EveryByteValue(20, extra: 1);
            h.Emulator.AddRecording(NewRecording(group.Id, "u", T0, audio: audio));
            h.Emulator.InjectFault(Get, EmulatorFault.CloseAfterRequest, count: 1);

            await using var download = await Recordings(h).GetAsync(new GetRecordingRequest(group.Id, "u", "1") { Wrap = wrap }, cancellationToken: Token);

            Assert.Equal(audio, await ReadAllAsync(download));
            AssertRetriedOnceAfterClose(h, Get);
        }
    }

    public class TheRecordingsCopyAsyncMethod
    {
        [Fact]
        public async Task CopiesTheRecordingIntoTheDestination_AndACopyThatExistsIsANoOp()
        {
            await using var h = await SdkHarness.StartAsync();
            var source = h.Emulator.AddRecordGroup("Source");
            var destination = h.Emulator.AddRecordGroup("Destination");
            var original = NewRecording(source.Id, "1700000000.5", T0, recordId: "2");
            h.Emulator.AddRecording(original);
            var request = new CopyRecordingRequest(source.Id, "1700000000.5", "2", destination.Id);

            await Recordings(h).CopyAsync(request, cancellationToken: Token);
            await Recordings(h).CopyAsync(request, cancellationToken: Token);

            Assert.Equal([original, original with { RecordGroupId = destination.Id }], h.Emulator.Recordings);
            var requests = h.Emulator.RequestsTo(Copy);
            Assert.Equal(2, requests.Count);
            Assert.All(requests, r => Assert.Equal([("recordgroup", $"{source.Id}"), ("uniqueid", "1700000000.5"), ("recordid", "2"), ("destination", $"{destination.Id}")], Sent(r)));
            Assert.All(h.Signal.Messages(2), m => Assert.Contains("code 204", m, StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("recording", "uniqueid")]
        [InlineData("source group", "recordgroup")]
        [InlineData("destination", "destination")]
        [InlineData("foreign destination", "destination")]
        public async Task J8_MissingRecordingOrGroup_NotFoundException_NothingCopied(string missing, string key)
        {
            await using var h = await SdkHarness.StartAsync();
            var source = h.Emulator.AddRecordGroup("Source");
            var destination = h.Emulator.AddRecordGroup("Destination");
            var foreign = h.Emulator.AddRecordGroup("Theirs", customerId: 2);
            h.Emulator.AddRecording(NewRecording(source.Id, "u", T0));
            var recordings = h.Emulator.Recordings;
            var request = missing switch
            {
                "recording" => new CopyRecordingRequest(source.Id, "gone", "1", destination.Id),
                "source group" => new CopyRecordingRequest(foreign.Id + 10, "u", "1", destination.Id),
                "destination" => new CopyRecordingRequest(source.Id, "u", "1", foreign.Id + 10),
                _ => new CopyRecordingRequest(source.Id, "u", "1", foreign.Id),
            };

            await AssertApiErrorAsync<NotFoundException>(h, Copy, 404, key, () => Recordings(h).CopyAsync(request, cancellationToken: Token));

            Assert.Equal(recordings, h.Emulator.Recordings);
        }

        [Theory]
        [InlineData("RecordGroupId")]
        [InlineData("UniqueId")]
        [InlineData("RecordId")]
        [InlineData("DestinationRecordGroupId")]
        public async Task BrokenRule_ThrowsArgumentException_BeforeSending(string property)
        {
            await using var h = await SdkHarness.StartAsync();
            var request = property switch
            {
                "RecordGroupId" => new CopyRecordingRequest(0, "u", "1", 2),
                "UniqueId" => new CopyRecordingRequest(1, " ", "1", 2),
                "RecordId" => new CopyRecordingRequest(1, "u", "", 2),
                _ => new CopyRecordingRequest(1, "u", "1", 0),
            };

            await AssertRefusedBeforeSendingAsync(h, property, () => Recordings(h).CopyAsync(request, cancellationToken: Token));
        }

        [Fact]
        public async Task J7_InvalidParameterAnswer_InvalidParameterExceptionWithKey_NothingCopied()
        {
            // As for get: the SDK checks every documented parameter, so the server's 400 is injected.
            await using var h = await SdkHarness.StartAsync();
            var source = h.Emulator.AddRecordGroup("Source");
            var destination = h.Emulator.AddRecordGroup("Destination");
            h.Emulator.AddRecording(NewRecording(source.Id, "u", T0));
            h.Emulator.InjectFault(Copy, InvalidEnvelope("destination"));

            await AssertApiErrorAsync<InvalidParameterException>(h, Copy, 400, "destination", () => Recordings(h).CopyAsync(new CopyRecordingRequest(source.Id, "u", "1", destination.Id), cancellationToken: Token));

            Assert.Single(h.Emulator.Recordings);
        }

        // The guide documents 400, 401, 402 and 404 for copy: no 403.
        [Theory]
        [InlineData(Caller.WrongPassword)]
        [InlineData(Caller.MissingRole)]
        public async Task J8_DeniedCaller_TypedException_NothingCopied(Caller caller)
        {
            await using var h = await StartAsAsync(caller, Copy, EnswitchRoles.Record);
            var source = h.Emulator.AddRecordGroup("Source");
            var destination = h.Emulator.AddRecordGroup("Destination");
            h.Emulator.AddRecording(NewRecording(source.Id, "u", T0));

            await AssertDeniedAsync(h, caller, Copy, () => Recordings(h).CopyAsync(new CopyRecordingRequest(source.Id, "u", "1", destination.Id), cancellationToken: Token));

            Assert.Single(h.Emulator.Recordings);
        }

        [Fact]
        public async Task T7_CopyReadThenConnectionClosedOnce_IsRetried_ExactlyOneCopy()
        {
            await using var h = await SdkHarness.StartAsync();
            var source = h.Emulator.AddRecordGroup("Source");
            var destination = h.Emulator.AddRecordGroup("Destination");
            var original = NewRecording(source.Id, "u", T0);
            h.Emulator.AddRecording(original);
            h.Emulator.InjectFault(Copy, EmulatorFault.CloseAfterRequest, count: 1);

            await Recordings(h).CopyAsync(new CopyRecordingRequest(source.Id, "u", "1", destination.Id), cancellationToken: Token);

            AssertRetriedOnceAfterClose(h, Copy);
            Assert.Equal([original, original with { RecordGroupId = destination.Id }], h.Emulator.Recordings);
        }
    }

    public class TheRecordingsUpdateAsyncMethod
    {
        [Fact]
        public async Task SendsExpiresAtAsAUnixTimestamp_AndTheServerStoresIt()
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            var original = NewRecording(group.Id, "1700000000.7", T0, recordId: "4");
            h.Emulator.AddRecording(original);
            var expiresAt = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));

            await Recordings(h).UpdateAsync(new UpdateRecordingRequest(group.Id, "1700000000.7", "4") { ExpiresAt = expiresAt }, cancellationToken: Token);

            Assert.Equal(original with { Expires = expiresAt }, Assert.Single(h.Emulator.Recordings));
            Assert.Equal(expiresAt.ToUniversalTime(), Assert.Single(h.Emulator.Recordings).Expires.ToUniversalTime());
            Assert.Equal([("recordgroup", $"{group.Id}"), ("uniqueid", "1700000000.7"), ("recordid", "4"), ("expires", "1935810489")], Sent(Assert.Single(h.Emulator.Journal)));
            Assert.Contains("code 204", Assert.Single(h.Signal.Messages(2)), StringComparison.Ordinal);
        }

        [Fact]
        public async Task ValidateUpdateAsync_Answers201_AndChangesNothing()
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            var original = NewRecording(group.Id, "u", T0);
            h.Emulator.AddRecording(original);

            await Recordings(h).ValidateUpdateAsync(new UpdateRecordingRequest(group.Id, "u", "1") { ExpiresAt = T0.AddDays(3) }, cancellationToken: Token);

            Assert.Equal(original, Assert.Single(h.Emulator.Recordings));
            Assert.Equal([("recordgroup", $"{group.Id}"), ("uniqueid", "u"), ("recordid", "1"), ("expires", Unix(T0.AddDays(3))), ("validation", "1")], Sent(Assert.Single(h.Emulator.Journal)));
            Assert.Contains("code 201", Assert.Single(h.Signal.Messages(2)), StringComparison.Ordinal);
        }

        [Fact]
        public async Task ExpiresAtBeforeTheUnixEpoch_ThrowsArgumentOutOfRange_BeforeSending()
        {
            // A Unix timestamp cannot be negative: the emulator answers 400 for one, so the SDK must not send it.
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            var original = NewRecording(group.Id, "u", T0);
            h.Emulator.AddRecording(original);
            var request = new UpdateRecordingRequest(group.Id, "u", "1") { ExpiresAt = DateTimeOffset.UnixEpoch.AddSeconds(-1) };

            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Recordings(h).UpdateAsync(request, cancellationToken: Token));
            await AssertRefusedBeforeSendingAsync(h, nameof(UpdateRecordingRequest.ExpiresAt), () => Recordings(h).ValidateUpdateAsync(request, cancellationToken: Token));

            await Recordings(h).UpdateAsync(request with { ExpiresAt = DateTimeOffset.UnixEpoch }, cancellationToken: Token);
            Assert.Equal("0", Assert.Single(h.Emulator.Journal)["expires"]);
            Assert.Equal(original with { Expires = DateTimeOffset.UnixEpoch }, Assert.Single(h.Emulator.Recordings));
        }

        [Theory]
        [InlineData("RecordGroupId")]
        [InlineData("UniqueId")]
        [InlineData("RecordId")]
        public async Task BrokenRule_ThrowsArgumentException_BeforeSending(string property)
        {
            await using var h = await SdkHarness.StartAsync();
            var request = property switch
            {
                "RecordGroupId" => new UpdateRecordingRequest(0, "u", "1"),
                "UniqueId" => new UpdateRecordingRequest(1, "", "1"),
                _ => new UpdateRecordingRequest(1, "u", " "),
            };

            await AssertRefusedBeforeSendingAsync(h, property, () => Recordings(h).UpdateAsync(request, cancellationToken: Token));
            await AssertRefusedBeforeSendingAsync(h, property, () => Recordings(h).ValidateUpdateAsync(request, cancellationToken: Token));
        }

        [Theory]
        [InlineData(false, false)]
        [InlineData(false, true)]
        [InlineData(true, false)]
        public async Task J8_MissingRecordingOrGroup_NotFoundException_NothingChanged(bool validationOnly, bool missingGroup)
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            var original = NewRecording(group.Id, "u", T0);
            h.Emulator.AddRecording(original);
            var request = (missingGroup ? new UpdateRecordingRequest(group.Id + 1, "u", "1") : new UpdateRecordingRequest(group.Id, "gone", "1")) with { ExpiresAt = T0 };

            await AssertApiErrorAsync<NotFoundException>(h, RecordingUpdate, 404, missingGroup ? "recordgroup" : "uniqueid", () => validationOnly ? Recordings(h).ValidateUpdateAsync(request, cancellationToken: Token) : Recordings(h).UpdateAsync(request, cancellationToken: Token));

            Assert.Equal(original, Assert.Single(h.Emulator.Recordings));
        }

        [Fact]
        public async Task J7_InvalidParameterAnswer_InvalidParameterExceptionWithKey_NothingChanged()
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            var original = NewRecording(group.Id, "u", T0);
            h.Emulator.AddRecording(original);
            h.Emulator.InjectFault(RecordingUpdate, InvalidEnvelope("expires"));

            await AssertApiErrorAsync<InvalidParameterException>(h, RecordingUpdate, 400, "expires", () => Recordings(h).UpdateAsync(new UpdateRecordingRequest(group.Id, "u", "1") { ExpiresAt = T0.AddDays(1) }, cancellationToken: Token));

            Assert.Equal(original, Assert.Single(h.Emulator.Recordings));
        }

        // The guide documents 201, 204, 400, 401, 402 and 404 for a recording update: no 403.
        [Theory]
        [InlineData(Caller.WrongPassword)]
        [InlineData(Caller.MissingRole)]
        public async Task J8_DeniedCaller_TypedException_NothingChanged(Caller caller)
        {
            await using var h = await StartAsAsync(caller, RecordingUpdate, EnswitchRoles.Record);
            var group = h.Emulator.AddRecordGroup("Mine");
            var original = NewRecording(group.Id, "u", T0);
            h.Emulator.AddRecording(original);

            await AssertDeniedAsync(h, caller, RecordingUpdate, () => Recordings(h).UpdateAsync(new UpdateRecordingRequest(group.Id, "u", "1") { ExpiresAt = T0.AddDays(1) }, cancellationToken: Token));

            Assert.Equal(original, Assert.Single(h.Emulator.Recordings));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task T7_UpdateOrValidateReadThenConnectionClosedOnce_IsRetried(bool validationOnly)
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            var original = NewRecording(group.Id, "u", T0);
            h.Emulator.AddRecording(original);
            h.Emulator.InjectFault(RecordingUpdate, EmulatorFault.CloseAfterRequest, count: 1);
            var request = new UpdateRecordingRequest(group.Id, "u", "1") { ExpiresAt = T0.AddDays(5) };

            await (validationOnly ? Recordings(h).ValidateUpdateAsync(request, cancellationToken: Token) : Recordings(h).UpdateAsync(request, cancellationToken: Token));

            AssertRetriedOnceAfterClose(h, RecordingUpdate);
            Assert.Equal(validationOnly ? original : original with { Expires = T0.AddDays(5) }, Assert.Single(h.Emulator.Recordings));
        }
    }

    public class TheRecordingsStartAsyncMethod
    {
        [Theory]
        [InlineData(null, null, 1)]
        [InlineData(RecordingChannel.Calling, "1", 1)]
        [InlineData(RecordingChannel.Called, "2", 2)]
        public async Task AsksTheServerToRecordTheChannel(RecordingChannel? channel, string? wire, int recorded)
        {
            await using var h = await SdkHarness.StartAsync();
            h.Emulator.AddLiveCall("1700000000.123456");

            await Recordings(h).StartAsync(new StartRecordingRequest("1700000000.123456") { Channel = channel }, cancellationToken: Token);

            Assert.Equal(new EmulatedRecordingStart("1700000000.123456", recorded, EnswitchEmulator.DefaultUsername), Assert.Single(h.Emulator.RecordingStarts));
            var request = Assert.Single(h.Emulator.Journal);
            (string, string)[] expected = wire is null ? [("uniqueid", "1700000000.123456")] : [("uniqueid", "1700000000.123456"), ("channel", wire)];
            Assert.Equal(expected, Sent(request));
            Assert.Contains("code 204", Assert.Single(h.Signal.Messages(2)), StringComparison.Ordinal);
        }

        [Fact]
        public async Task LineOwnerWithPanelRole_MayStart_ButNotTheOwnerOfAnotherCall()
        {
            await using var h = await SdkHarness.StartAsync(o =>
            {
                o.Username = "owner";
                o.Password = Secret;
            });
            h.Emulator.AddUser("owner", Secret, EnswitchRoles.Panel);
            h.Emulator.AddLiveCall("mine", "owner");
            h.Emulator.AddLiveCall("theirs", "someone-else");

            await Recordings(h).StartAsync(new StartRecordingRequest("mine") { Channel = RecordingChannel.Called }, cancellationToken: Token);
            var error = await Assert.ThrowsAsync<RoleDeniedException>(() => Recordings(h).StartAsync(new StartRecordingRequest("theirs"), cancellationToken: Token));

            Assert.Equal(402, error.Code);
            Assert.Equal(1, error.Attempts);
            Assert.False(error.OutcomeUnknown);
            Assert.Equal(new EmulatedRecordingStart("mine", 2, "owner"), Assert.Single(h.Emulator.RecordingStarts));
            Assert.Equal(2, h.Emulator.RequestsTo(Start).Count);
        }

        [Theory]
        [InlineData("UniqueId")]
        [InlineData("Channel")]
        public async Task BrokenRule_ThrowsArgumentException_BeforeSending(string property)
        {
            await using var h = await SdkHarness.StartAsync();
            h.Emulator.AddLiveCall("live");
            var request = property == "UniqueId" ? new StartRecordingRequest(" ") : new StartRecordingRequest("live") { Channel = (RecordingChannel)3 };

            await AssertRefusedBeforeSendingAsync(h, property, () => Recordings(h).StartAsync(request, cancellationToken: Token));
            Assert.Empty(h.Emulator.RecordingStarts);
        }

        [Fact]
        public async Task J8_NoSuchLiveCall_NotFoundException_NothingStarted()
        {
            await using var h = await SdkHarness.StartAsync();
            h.Emulator.AddLiveCall("live");

            await AssertApiErrorAsync<NotFoundException>(h, Start, 404, "uniqueid", () => Recordings(h).StartAsync(new StartRecordingRequest("ended"), cancellationToken: Token));

            Assert.Empty(h.Emulator.RecordingStarts);
        }

        [Fact]
        public async Task J7_InvalidParameterAnswer_InvalidParameterExceptionWithKey_NothingStarted()
        {
            // The SDK checks uniqueid and channel before sending, so the server's 400 is injected.
            await using var h = await SdkHarness.StartAsync();
            h.Emulator.AddLiveCall("live");
            h.Emulator.InjectFault(Start, InvalidEnvelope("channel"));

            await AssertApiErrorAsync<InvalidParameterException>(h, Start, 400, "channel", () => Recordings(h).StartAsync(new StartRecordingRequest("live") { Channel = RecordingChannel.Called }, cancellationToken: Token));

            Assert.Empty(h.Emulator.RecordingStarts);
        }

        [Theory]
        [InlineData(Caller.WrongPassword)]
        [InlineData(Caller.MissingRole)]
        [InlineData(Caller.RatePlanDenied)]
        public async Task J8_DeniedCaller_TypedException_NothingStarted(Caller caller)
        {
            await using var h = await StartAsAsync(caller, Start, EnswitchRoles.Actions | EnswitchRoles.Panel);
            h.Emulator.AddLiveCall("live");

            await AssertDeniedAsync(h, caller, Start, () => Recordings(h).StartAsync(new StartRecordingRequest("live"), cancellationToken: Token));

            Assert.Empty(h.Emulator.RecordingStarts);
        }

        /// <param name="warmConnection">
        /// Whether an earlier call left a pooled connection: the close then hits a reused connection, where
        /// the socket handler itself may try to resend a request; the SDK must still not start twice.
        /// </param>
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task T6_StartReadThenConnectionClosedOnce_IsNotRetried_OutcomeUnknown(bool warmConnection)
        {
            await using var h = await SdkHarness.StartAsync();
            h.Emulator.AddLiveCall("live");
            var group = h.Emulator.AddRecordGroup("Mine");
            if (warmConnection)
            {
                await Recordings(h).ListAsync(ListRecordingsRequest.ForRecordGroup(group.Id), cancellationToken: Token);
            }

            h.Emulator.InjectFault(Start, EmulatorFault.CloseAfterRequest, count: 1);

            var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => Recordings(h).StartAsync(new StartRecordingRequest("live"), cancellationToken: Token));

            AssertNotRetriedOutcomeUnknown(h, Start, error);
            Assert.Empty(h.Emulator.RecordingStarts);
        }
    }

    public class TheCallAsyncMethod
    {
        [Theory]
        [InlineData(EnswitchRequestMethod.Post)]
        [InlineData(EnswitchRequestMethod.Get)]
        public async Task CreateByName_ReturnsDataWithTheId_AndTheGroupIsStored(EnswitchRequestMethod method)
        {
            await using var h = await SdkHarness.StartAsync(o => o.RequestMethod = method);

            var data = await Client(h).CallAsync(GroupsCreate, [new("name", "Raw"), new("description", "d; & = + %")], cancellationToken: Token);

            Assert.NotNull(data);
            Assert.Equal(JsonValueKind.Object, data.Value.ValueKind);
            var group = Assert.Single(h.Emulator.RecordGroups);
            Assert.Equal(group.Id, data.Value.GetProperty("id").GetInt64());
            Assert.Equal(RecordGroupDefaults(group.Id, "Raw") with { Description = "d; & = + %" }, group);
            var request = Assert.Single(h.Emulator.Journal);
            Assert.Equal([("name", "Raw"), ("description", "d; & = + %")], Sent(request));
            Assert.Equal(EmulatorCredential.Password, request.AuthenticatedWith);
            Assert.Equal(method == EnswitchRequestMethod.Get, request.HadQueryString);
        }

        [Fact]
        public async Task FunctionWithoutData_ReturnsNull()
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Old");

            var data = await Client(h).CallAsync(GroupsUpdate, [new("id", $"{group.Id}"), new("name", "New")], OperationKind.IdempotentWrite, cancellationToken: Token);

            Assert.Null(data);
            Assert.Equal("New", Assert.Single(h.Emulator.RecordGroups).Name);
        }

        public enum Failure
        {
            InvalidParameter,
            WrongPassword,
            MissingRole,
            RatePlanDenied,
        }

        [Theory]
        [InlineData(Failure.InvalidParameter, typeof(InvalidParameterException), 400, "fraction")]
        [InlineData(Failure.WrongPassword, typeof(AuthenticationException), 401, "")]
        [InlineData(Failure.MissingRole, typeof(RoleDeniedException), 402, "")]
        [InlineData(Failure.RatePlanDenied, typeof(RatePlanDeniedException), 403, "")]
        public async Task J7_J8_CreateByName_ThrowsWhatCreateAsyncThrows(Failure failure, Type expected, int code, string key)
        {
            // fraction 0 is refused by a 3.13 server, which is the one way to get a real 400 past the SDK's checks.
            var emulatorOptions = new EnswitchEmulatorOptions { Version = new(3, 13) };
            await using var h = failure == Failure.InvalidParameter
                ? await SdkHarness.StartAsync(emulatorOptions: emulatorOptions)
                : await StartAsAsync(Enum.Parse<Caller>(failure.ToString()), GroupsCreate, EnswitchRoles.Administrator, emulatorOptions);

            var typed = (EnswitchApiException)await Assert.ThrowsAsync(expected, () => h.Groups.CreateAsync(new CreateRecordGroupRequest("x") { SavePercentage = 0 }, cancellationToken: Token));
            var raw = (EnswitchApiException)await Assert.ThrowsAsync(expected, () => Client(h).CallAsync(GroupsCreate, [new("name", "x"), new("fraction", "0")], cancellationToken: Token));

            foreach (var error in new[] { typed, raw })
            {
                Assert.Equal(code, error.Code);
                Assert.Equal(key, error.Key);
                Assert.Equal(GroupsCreate, error.Function);
                Assert.Equal(1, error.Attempts);
                Assert.False(error.OutcomeUnknown);
                Assert.Equal(200, error.HttpStatus);
            }

            Assert.Equal(typed.ServerMessage, raw.ServerMessage);
            var requests = h.Emulator.RequestsTo(GroupsCreate);
            Assert.Equal(2, requests.Count);
            Assert.Equal(Sent(requests[0]), Sent(requests[1]));
            Assert.Equal(requests[0].AuthenticatedWith, requests[1].AuthenticatedWith);
            Assert.Empty(h.Emulator.RecordGroups);
        }

        [Fact]
        public async Task T6_CreateByNameReadThenConnectionClosedOnce_LikeCreateAsync_IsNotRetried_OutcomeUnknown()
        {
            await using var h = await SdkHarness.StartAsync();
            h.Emulator.InjectFault(GroupsCreate, EmulatorFault.CloseAfterRequest, count: 2);

            var typed = await Assert.ThrowsAsync<EnswitchTransportException>(() => h.Groups.CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));
            var raw = await Assert.ThrowsAsync<EnswitchTransportException>(() => Client(h).CallAsync(GroupsCreate, [new("name", "x")], cancellationToken: Token));

            AssertNotRetriedOutcomeUnknown(h, GroupsCreate, typed, expectedRequests: 2);
            AssertNotRetriedOutcomeUnknown(h, GroupsCreate, raw, expectedRequests: 2);
            Assert.Empty(h.Emulator.RecordGroups);
        }

        [Fact]
        public async Task T1_CreateByNameConnectionRefusedThenServerComesUp_IsRetried_ExactlyOneRecord()
        {
            // Real time, as TransportFaultTests.T1: retries keep coming until the listener is back.
            await using var h = await SdkHarness.StartAsync(o =>
            {
                o.MaxRetries = 10;
                o.RetryDelay = TimeSpan.FromMilliseconds(200);
                o.TotalTimeout = TimeSpan.FromMinutes(3);
            });
            await h.Emulator.StopAcceptingAsync(Token);

            var call = Client(h).CallAsync(GroupsCreate, [new("name", "after outage")], cancellationToken: Token);
            await h.Signal.WaitAsync(3);
            await h.Emulator.ResumeAcceptingAsync(Token);
            var data = await call.WaitAsync(TimeSpan.FromMinutes(3), Token);

            var group = Assert.Single(h.Emulator.RecordGroups);
            Assert.NotNull(data);
            Assert.Equal(group.Id, data.Value.GetProperty("id").GetInt64());
            Assert.Equal("after outage", group.Name);
            Assert.Null(Assert.Single(h.Emulator.RequestsTo(GroupsCreate)).Fault);
            var retries = h.Signal.Messages(3);
            Assert.NotEmpty(retries);
            Assert.All(retries, m => Assert.Contains("NotSent", m, StringComparison.Ordinal));
        }

        [Fact]
        public async Task T7_ReadKindByName_IsRetriedAfterConnectionClosed()
        {
            await using var h = await SdkHarness.StartAsync();
            var group = h.Emulator.AddRecordGroup("Mine");
            h.Emulator.AddRecording(NewRecording(group.Id, "a", T0));
            h.Emulator.InjectFault(List, EmulatorFault.CloseAfterRequest, count: 1);

            var data = await Client(h).CallAsync(List, [new("recordgroup", $"{group.Id}")], OperationKind.Read, cancellationToken: Token);

            Assert.NotNull(data);
            Assert.Equal("a", Assert.Single(data.Value.EnumerateArray().ToList()).GetProperty("uniqueid").GetString());
            AssertRetriedOnceAfterClose(h, List);
        }

        [Theory]
        [InlineData("auth_password")]
        [InlineData("auth_username")]
        [InlineData("auth_token")]
        public async Task CredentialParameter_ThrowsArgumentException_BeforeSending(string name)
        {
            await using var h = await SdkHarness.StartAsync();

            var error = await Assert.ThrowsAsync<ArgumentException>(() => Client(h).CallAsync(GroupsCreate, [new("name", "x"), new(name, "injected")], cancellationToken: Token));

            Assert.Contains(name, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("injected", error.Message, StringComparison.Ordinal);
            Assert.Empty(h.Emulator.Journal);
        }

        [Theory]
        [InlineData("")]
        [InlineData(" ")]
        [InlineData("Recording/groups/create")]
        [InlineData("recording//create")]
        [InlineData("recording/groups/create/")]
        [InlineData("/recording/groups/create")]
        [InlineData("recording/groups/create?auth_username=x")]
        [InlineData("../recording/groups/create")]
        [InlineData("recording groups")]
        [InlineData("https://evil.example/recording")]
        public async Task MalformedFunctionName_ThrowsArgumentException_BeforeSending(string function)
        {
            await using var h = await SdkHarness.StartAsync();

            await Assert.ThrowsAnyAsync<ArgumentException>(() => Client(h).CallAsync(function, [new("name", "x")], cancellationToken: Token));

            Assert.Empty(h.Emulator.Journal);
        }
    }

    public class TheServerVersionOption
    {
        [Theory]
        [InlineData("create beep", "3.14", "3.15")]
        [InlineData("update beep", "3.14", "3.15")]
        [InlineData("create fraction 0", "3.13", "3.14")]
        [InlineData("update fraction 0", "3.13", "3.14")]
        [InlineData("wrap none", "3.14", "3.15")]
        [InlineData("create transcribe", "4.1", "4.2")]
        [InlineData("update transcribe", "4.1", "4.2")]
        [InlineData("start", "4.0", "4.1")]
        public async Task FeatureNewerThanServerVersion_IsRefusedBeforeSending_NamingTheVersionThatAddedIt(string feature, string server, string added)
        {
            await using var h = await SdkHarness.StartAsync(o => o.ServerVersion = Version.Parse(server));
            var world = Seed(h);
            var groups = h.Emulator.RecordGroups;

            var error = await Assert.ThrowsAsync<EnswitchFeatureNotSupportedException>(() => UseAsync(h, feature, world));

            Assert.Equal(Version.Parse(added), error.RequiredVersion);
            Assert.Equal(Version.Parse(server), error.ServerVersion);
            Assert.Contains($"Enswitch {added} or later", error.Message, StringComparison.Ordinal);
            Assert.Contains($"ServerVersion is {server}", error.Message, StringComparison.Ordinal);
            Assert.Empty(h.Emulator.Journal);
            Assert.Equal(groups, h.Emulator.RecordGroups);
            Assert.Empty(h.Emulator.RecordingStarts);
        }

        [Theory]
        [InlineData("create beep", "3.15")]
        [InlineData("update beep", "3.15")]
        [InlineData("create fraction 0", "3.14")]
        [InlineData("update fraction 0", "3.14")]
        [InlineData("wrap none", "3.15")]
        [InlineData("create transcribe", "4.2")]
        [InlineData("update transcribe", "4.2")]
        [InlineData("start", "4.1")]
        public async Task FeatureAtTheVersionThatAddedIt_IsSent_AndTheServerOfThatVersionApplies(string feature, string added)
        {
            var version = Version.Parse(added);
            await using var h = await SdkHarness.StartAsync(o => o.ServerVersion = version, emulatorOptions: new EnswitchEmulatorOptions { Version = version });
            var world = Seed(h);

            await UseAsync(h, feature, world);

            AssertApplied(h, feature, world);
        }

        [Theory]
        [InlineData("create beep")]
        [InlineData("update beep")]
        [InlineData("create fraction 0")]
        [InlineData("update fraction 0")]
        [InlineData("wrap none")]
        [InlineData("create transcribe")]
        [InlineData("update transcribe")]
        [InlineData("start")]
        public async Task ServerVersionUnset_RefusesNothing(string feature)
        {
            await using var h = await SdkHarness.StartAsync();
            Assert.Null(h.Services.GetRequiredService<IOptions<EnswitchClientOptions>>().Value.ServerVersion);
            var world = Seed(h);

            await UseAsync(h, feature, world);

            AssertApplied(h, feature, world);
        }

        [Fact]
        public async Task WrapJson_OnAServerOlderThan315_SendsNoWrapParameter_AndReturnsTheAudio()
        {
            var version = new Version(3, 13);
            await using var h = await SdkHarness.StartAsync(o => o.ServerVersion = version, emulatorOptions: new EnswitchEmulatorOptions { Version = version });
            var world = Seed(h);

            await using var download = await Recordings(h).GetAsync(new GetRecordingRequest(world.GroupId, "u", "1"), cancellationToken: Token);

            Assert.Equal(world.Audio, await ReadAllAsync(download));
            var request = Assert.Single(h.Emulator.Journal);
            Assert.Null(request["wrap"]);
            Assert.Empty(request.UnknownParameters);
        }

        [Fact]
        public async Task TokenAuthentication_WithServerVersionBefore41_FailsOptionsValidationAtStart_NothingSent()
        {
            await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
            void Configure(EnswitchClientOptions o)
            {
                o.BaseAddress = emulator.BaseAddress;
                o.Username = EnswitchEmulator.DefaultUsername;
                o.Password = EnswitchEmulator.DefaultPassword;
                SdkHarness.Defaults(o);
                o.Authentication = EnswitchAuthenticationMode.Token;
                o.ServerVersion = new Version(4, 0);
            }

            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddEnswitchClient(Configure);
            using var host = builder.Build();

            var atStart = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));
            var options = new EnswitchClientOptions();
            Configure(options);
            using var http = new HttpClient();
            var withoutDi = Assert.Throws<OptionsValidationException>(() => new EnswitchClient(http, options));
            await Assert.ThrowsAsync<OptionsValidationException>(() => host.Services.GetRequiredService<IRecordingsClient>().ListAsync(ListRecordingsRequest.ForCustomer(1), cancellationToken: Token));

            foreach (var error in new[] { atStart, withoutDi })
            {
                Assert.Contains(error.Failures, f => f.Contains("Token", StringComparison.Ordinal) && f.Contains("4.1", StringComparison.Ordinal) && f.Contains("4.0", StringComparison.Ordinal));
            }

            Assert.Empty(emulator.Journal);
        }

        [Theory]
        [InlineData("4.1")]
        [InlineData(null)]
        public async Task TokenAuthentication_WithServerVersion41OrUnset_LogsInOnce_ThenCallsWithTheToken(string? server)
        {
            await using var h = await SdkHarness.StartAsync(
                o =>
                {
                    o.Authentication = EnswitchAuthenticationMode.Token;
                    o.ServerVersion = server is null ? null : Version.Parse(server);
                },
                emulatorOptions: new EnswitchEmulatorOptions { Version = new(4, 1) });
            var group = h.Emulator.AddRecordGroup("Mine");
            h.Emulator.AddRecording(NewRecording(group.Id, "a", T0));

            var first = await Recordings(h).ListAsync(ListRecordingsRequest.ForRecordGroup(group.Id), cancellationToken: Token);
            var second = await Recordings(h).ListAsync(ListRecordingsRequest.ForRecordGroup(group.Id), cancellationToken: Token);

            Assert.Equal("a", Assert.Single(first).UniqueId);
            Assert.Equal("a", Assert.Single(second).UniqueId);
            Assert.Equal(
                [(Login, EmulatorCredential.Password), (List, EmulatorCredential.Token), (List, EmulatorCredential.Token)],
                h.Emulator.Journal.Select(r => (r.Function, r.AuthenticatedWith)));
            Assert.All(h.Emulator.RequestsTo(List), r => Assert.Null(r["auth_password"]));
        }

        /// <summary>What each feature acts on: one group holding recording u/1, and the live call <c>live</c>.</summary>
        private sealed record World(long GroupId, byte[] Audio);

        private static World Seed(SdkHarness h)
        {
            var group = h.Emulator.AddRecordGroup("Mine");
            var audio = EveryByteValue(10, extra: 1);
            h.Emulator.AddRecording(NewRecording(group.Id, "u", T0, audio: audio));
            h.Emulator.AddLiveCall("live");
            return new World(group.Id, audio);
        }

        private static async Task UseAsync(SdkHarness h, string feature, World world)
        {
            switch (feature)
            {
                case "create beep":
                    await h.Groups.CreateAsync(new CreateRecordGroupRequest("New") { BeepIntervalSeconds = 7 }, cancellationToken: Token);
                    break;
                case "update beep":
                    await h.Groups.UpdateAsync(new UpdateRecordGroupRequest(world.GroupId) { BeepIntervalSeconds = 7 }, cancellationToken: Token);
                    break;
                case "create fraction 0":
                    await h.Groups.CreateAsync(new CreateRecordGroupRequest("New") { SavePercentage = 0 }, cancellationToken: Token);
                    break;
                case "update fraction 0":
                    await h.Groups.UpdateAsync(new UpdateRecordGroupRequest(world.GroupId) { SavePercentage = 0 }, cancellationToken: Token);
                    break;
                case "create transcribe":
                    await h.Groups.CreateAsync(new CreateRecordGroupRequest("New") { Transcribe = true }, cancellationToken: Token);
                    break;
                case "update transcribe":
                    await h.Groups.UpdateAsync(new UpdateRecordGroupRequest(world.GroupId) { Transcribe = true }, cancellationToken: Token);
                    break;
                case "wrap none":
                    await using (var download = await Recordings(h).GetAsync(new GetRecordingRequest(world.GroupId, "u", "1") { Wrap = RecordingWrap.None }, cancellationToken: Token))
                    {
                        Assert.Equal(world.Audio, await ReadAllAsync(download));
                        Assert.Null(download.Recording);
                    }

                    break;
                case "start":
                    await Recordings(h).StartAsync(new StartRecordingRequest("live"), cancellationToken: Token);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(feature), feature, "Not a feature of this test.");
            }
        }

        /// <summary>Asserts the server received the feature as a parameter it knows, and applied it.</summary>
        private static void AssertApplied(SdkHarness h, string feature, World world)
        {
            var request = Assert.Single(h.Emulator.Journal);
            Assert.Empty(request.UnknownParameters);
            Assert.Null(request.Fault);
            var group = feature.StartsWith("create", StringComparison.Ordinal)
                ? h.Emulator.RecordGroups.Single(g => g.Id != world.GroupId)
                : h.Emulator.RecordGroups.Single(g => g.Id == world.GroupId);
            switch (feature)
            {
                case "create beep" or "update beep":
                    Assert.Equal(("7", 7), (request["beep"], group.BeepIntervalSeconds));
                    break;
                case "create fraction 0" or "update fraction 0":
                    Assert.Equal(("0", 0), (request["fraction"], group.SavePercentage));
                    break;
                case "create transcribe" or "update transcribe":
                    Assert.Equal(("1", true), (request["transcribe"], group.Transcribe));
                    break;
                case "wrap none":
                    Assert.Equal((Get, "none"), (request.Function, request["wrap"]));
                    break;
                default:
                    Assert.Equal(new EmulatedRecordingStart("live", 1, EnswitchEmulator.DefaultUsername), Assert.Single(h.Emulator.RecordingStarts));
                    break;
            }
        }
    }

    /// <summary>The group <c>recording/groups/create</c> stores with only a name, in the default customer (the guide's defaults).</summary>
    private static EmulatedRecordGroup RecordGroupDefaults(long id, string name) =>
        new(id, 1, name, string.Empty, string.Empty, 365, 100, 0, string.Empty, 0, true, true, false);
}
