using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Enswitch.Client.Testing;
using Microsoft.Extensions.Time.Testing;
using static Enswitch.Client.IntegrationTests.RecordingSeed;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The emulator's functions beyond record-group create, called with a plain HttpClient on the emulator's handler, over
/// loopback and in memory (the SDK does not cover them yet): HTTP status, envelope code and key, data, and the state stored.
/// </summary>
public static class EmulatorFunctionTests
{
    private const string GroupsUpdate = "recording/groups/update";
    private const string List = "recording/recordings/list";
    private const string Get = "recording/recordings/get";
    private const string Copy = "recording/recordings/copy";
    private const string RecordingUpdate = "recording/recordings/update";
    private const string Start = "recording/recordings/start";
    private const string Login = "user/login";
    private const string Secret = "other-password";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static (string, string)[] As(string username, string password) => [("auth_username", username), ("auth_password", password)];

    private static readonly (string, string)[] Admin = As(EnswitchEmulator.DefaultUsername, EnswitchEmulator.DefaultPassword);

    private static Task<Answer> CallAsync(EnswitchEmulator emulator, string function, params (string Name, string Value)[] parameters) =>
        CallWithAsync(emulator, function, Admin, parameters);

    private static async Task<Answer> CallWithAsync(EnswitchEmulator emulator, string function, (string Name, string Value)[] credentials, params (string Name, string Value)[] parameters)
    {
        using var content = new FormUrlEncodedContent(credentials.Concat(parameters).Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
        using var http = new HttpClient(emulator.CreateHandler());
        using var response = await http.PostAsync(new Uri(emulator.BaseAddress, $"api/json/{function}/"), content, Token);
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.ToString(), response.Content.Headers.ContentLength, await response.Content.ReadAsByteArrayAsync(Token));
    }

    /// <summary>What the emulator answered: HTTP status, content type and body, with the envelope parsed when it is JSON.</summary>
    private sealed class Answer
    {
        public Answer(HttpStatusCode status, string? contentType, long? contentLength, byte[] body)
        {
            Status = status;
            ContentType = contentType;
            ContentLength = contentLength;
            Body = body;
            if (contentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
            {
                Json = JsonDocument.Parse(body).RootElement.Clone();
            }
        }

        public HttpStatusCode Status { get; }

        public string? ContentType { get; }

        public long? ContentLength { get; }

        public byte[] Body { get; }

        public JsonElement Json { get; }

        private JsonElement Response => Json.GetProperty("responses").EnumerateArray().Single();

        /// <summary>Gets the envelope code, asserting it is a JSON string as on the real server.</summary>
        public string Code
        {
            get
            {
                Assert.Equal(JsonValueKind.String, Response.GetProperty("code").ValueKind);
                return Response.GetProperty("code").GetString()!;
            }
        }

        public string Key => Response.GetProperty("key").GetString()!;

        public bool HasData => Json.TryGetProperty("data", out _);

        public JsonElement Data => Json.GetProperty("data");

        /// <summary>Asserts HTTP 200 with an envelope of this code and key.</summary>
        public void AssertEnvelope(string code, string key = "")
        {
            Assert.Equal(HttpStatusCode.OK, Status);
            Assert.Equal((code, key), (Code, Key));
        }
    }

    public abstract class TheGroupsUpdateFunction(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        [Fact]
        public async Task ChangesOnlyTheGivenFields_ButResetsBeepAndTranscribeWhenLeftOut()
        {
            await using var emulator = await StartEmulatorAsync();
            var group = emulator.AddRecordGroup("Old", configure: g => g with { Description = "kept", BeepIntervalSeconds = 5, Transcribe = true, ExpiryDays = 30 });

            var answer = await CallAsync(emulator, GroupsUpdate, ("id", $"{group.Id}"), ("name", "New"), ("record_in", "0"));

            answer.AssertEnvelope("204");
            Assert.False(answer.HasData);
            Assert.Equal(
                group with { Name = "New", RecordInbound = false, BeepIntervalSeconds = 0, Transcribe = false },
                Assert.Single(emulator.RecordGroups));
        }

        [Fact]
        public async Task KeepsBeepAndTranscribe_OnAVersionThatDoesNotKnowThem_AndFlagsThemUnknown()
        {
            await using var emulator = await StartEmulatorAsync(new EnswitchEmulatorOptions { Version = new(3, 14) });
            var group = emulator.AddRecordGroup("Old", configure: g => g with { BeepIntervalSeconds = 5, Transcribe = true });

            var answer = await CallAsync(emulator, GroupsUpdate, ("id", $"{group.Id}"), ("beep", "9"), ("transcribe", "0"), ("email", "a@example.com"));

            answer.AssertEnvelope("204");
            Assert.Equal(group with { Email = "a@example.com" }, Assert.Single(emulator.RecordGroups));
            Assert.Equal(["beep", "transcribe"], Assert.Single(emulator.RequestsTo(GroupsUpdate)).UnknownParameters);
        }

        [Fact]
        public async Task ValidationOnly_Answers201_AndChangesNothing()
        {
            await using var emulator = await StartEmulatorAsync();
            var group = emulator.AddRecordGroup("Old", configure: g => g with { BeepIntervalSeconds = 5 });

            var answer = await CallAsync(emulator, GroupsUpdate, ("id", $"{group.Id}"), ("name", "New"), ("validation", "1"));

            answer.AssertEnvelope("201");
            Assert.False(answer.HasData);
            Assert.Equal(group, Assert.Single(emulator.RecordGroups));
        }

        [Fact]
        public async Task RecordRoleMayUpdate_ActionsRoleGets402_RatePlanGets403()
        {
            await using var emulator = await StartEmulatorAsync();
            var group = emulator.AddRecordGroup("Old");
            emulator.AddUser("recorder", Secret, EnswitchRoles.Record);
            emulator.AddUser("operator", Secret, EnswitchRoles.Actions);
            emulator.AddUser("budget", Secret, EnswitchRoles.All, GroupsUpdate);

            (await CallWithAsync(emulator, GroupsUpdate, As("operator", Secret), ("id", $"{group.Id}"), ("name", "A"))).AssertEnvelope("402");
            (await CallWithAsync(emulator, GroupsUpdate, As("budget", Secret), ("id", $"{group.Id}"), ("name", "B"))).AssertEnvelope("403");
            Assert.Equal("Old", Assert.Single(emulator.RecordGroups).Name);
            (await CallWithAsync(emulator, GroupsUpdate, As("recorder", Secret), ("id", $"{group.Id}"), ("name", "C"))).AssertEnvelope("204");
            Assert.Equal("C", Assert.Single(emulator.RecordGroups).Name);
        }
    }

    public sealed class TheGroupsUpdateFunctionOverSockets() : TheGroupsUpdateFunction(EmulatorForm.Socket);

    public sealed class TheGroupsUpdateFunctionInMemory() : TheGroupsUpdateFunction(EmulatorForm.InMemory);

    public abstract class TheRecordingsListFunction(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        [Fact]
        public async Task ReturnsTheCallersFinishedRecordingsByStart_AsRowsWithoutAudio()
        {
            await using var emulator = await StartEmulatorAsync();
            var group = emulator.AddRecordGroup("Mine");
            var foreign = emulator.AddRecordGroup("Theirs", customerId: 2);
            emulator.AddRecording(NewRecording(group.Id, "1700000100.2", T0.AddSeconds(100)) with { TalkTimeSeconds = 50 });
            emulator.AddRecording(NewRecording(group.Id, "1700000000.1", T0));
            emulator.AddRecording(NewRecording(group.Id, "1700000200.3", T0.AddSeconds(200), complete: false));
            emulator.AddRecording(NewRecording(foreign.Id, "1700000050.4", T0.AddSeconds(50)));

            var answer = await CallAsync(emulator, List);

            answer.AssertEnvelope("200");
            var rows = answer.Data.EnumerateArray().ToList();
            Assert.Equal(["1700000000.1", "1700000100.2"], rows.Select(r => r.GetProperty("uniqueid").GetString()));
            var row = rows[1];
            Assert.Equal(JsonValueKind.String, row.GetProperty("recordid").ValueKind);
            Assert.Equal(group.Id, row.GetProperty("recordgroup").GetInt64());
            Assert.Equal(T0.AddSeconds(100).ToUnixTimeSeconds(), row.GetProperty("start").GetInt64());
            Assert.Equal(T0.AddSeconds(160).ToUnixTimeSeconds(), row.GetProperty("end").GetInt64());
            Assert.Equal((60, 50), (row.GetProperty("totaltime").GetInt32(), row.GetProperty("talktime").GetInt32()));
            Assert.Equal(("01632960003", "01632960002", "01632960001"), (row.GetProperty("snumber").GetString(), row.GetProperty("dnumber").GetString(), row.GetProperty("cnumber").GetString()));
            Assert.Equal((1, "audio/wav", 3), (row.GetProperty("complete").GetInt32(), row.GetProperty("mimetype").GetString(), row.GetProperty("size").GetInt32()));
            Assert.Equal(T0.AddSeconds(100).AddDays(365).ToUnixTimeSeconds(), row.GetProperty("expires").GetInt64());
            Assert.True(row.TryGetProperty("scustomer", out _));
            Assert.True(row.TryGetProperty("path", out _));
            Assert.False(row.TryGetProperty("data", out _));
        }

        [Fact]
        public async Task AppliesEveryFilterAndTheSortOrder()
        {
            await using var emulator = await StartEmulatorAsync();
            var group = emulator.AddRecordGroup("Mine");
            var other = emulator.AddRecordGroup("Also mine");
            emulator.AddRecording(NewRecording(group.Id, "a", T0, seconds: 10, caller: "0111", called: "0999"));
            emulator.AddRecording(NewRecording(group.Id, "b", T0.AddSeconds(10), seconds: 30, caller: "0222", called: "0888"));
            emulator.AddRecording(NewRecording(group.Id, "c", T0.AddSeconds(20), seconds: 20, caller: "0333", called: "0777", complete: false));
            emulator.AddRecording(NewRecording(other.Id, "d", T0.AddSeconds(30), seconds: 40, caller: "0444", called: "0666"));

            async Task<string[]> UniqueIds(params (string, string)[] parameters) =>
                [.. (await CallAsync(emulator, List, parameters)).Data.EnumerateArray().Select(r => r.GetProperty("uniqueid").GetString()!)];

            var t0 = T0.ToUnixTimeSeconds();
            Assert.Equal(["a", "b", "d"], await UniqueIds());
            Assert.Equal(["a", "b"], await UniqueIds(("recordgroup", $"{group.Id}")));
            Assert.Equal(["a", "b", "d"], await UniqueIds(("customer", "1")));
            Assert.Equal(["b"], await UniqueIds(("start", $"{t0 + 10}"), ("end", $"{t0 + 29}")));
            Assert.Equal(["b"], await UniqueIds(("caller", "22")));
            Assert.Equal(["d"], await UniqueIds(("called", "66")));
            Assert.Equal(["c"], await UniqueIds(("complete", "0")));
            Assert.Equal(["a", "b", "c", "d"], await UniqueIds(("complete", "-1")));
            Assert.Equal(["b", "d"], await UniqueIds(("totaltime_minimum", "30")));
            Assert.Equal(["a"], await UniqueIds(("totaltime_maximum", "10")));
            Assert.Equal(["d", "b", "a"], await UniqueIds(("sort", "totaltime"), ("descending", "1")));
            Assert.Equal(["d", "b", "a"], await UniqueIds(("sort", "cnumber"), ("descending", "1")));
        }

        [Fact]
        public async Task DefaultEndIsNow_OnTheEmulatorsClock()
        {
            var clock = new FakeTimeProvider(T0.AddSeconds(15));
            await using var emulator = await StartEmulatorAsync(new EnswitchEmulatorOptions { TimeProvider = clock });
            var group = emulator.AddRecordGroup("Mine");
            emulator.AddRecording(NewRecording(group.Id, "past", T0));
            emulator.AddRecording(NewRecording(group.Id, "future", T0.AddSeconds(30)));

            var answer = await CallAsync(emulator, List);

            Assert.Equal("past", Assert.Single(answer.Data.EnumerateArray()).GetProperty("uniqueid").GetString());
        }

        [Fact]
        public async Task NeedsTheRecordRole()
        {
            await using var emulator = await StartEmulatorAsync();
            emulator.AddUser("operator", Secret, EnswitchRoles.Administrator | EnswitchRoles.Actions);

            (await CallWithAsync(emulator, List, As("operator", Secret))).AssertEnvelope("402");
        }
    }

    public sealed class TheRecordingsListFunctionOverSockets() : TheRecordingsListFunction(EmulatorForm.Socket);

    public sealed class TheRecordingsListFunctionInMemory() : TheRecordingsListFunction(EmulatorForm.InMemory);

    public abstract class TheRecordingsGetFunction(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        [Fact]
        public async Task Base64_ReturnsTheRowWithTheAudioAndItsSha1()
        {
            await using var emulator = await StartEmulatorAsync();
            var group = emulator.AddRecordGroup("Mine");
            var audio = EveryByteValue(200);
            emulator.AddRecording(NewRecording(group.Id, "1700000000.1", T0, audio: audio, recordId: "2"));

            var answer = await CallAsync(emulator, Get, ("recordgroup", $"{group.Id}"), ("uniqueid", "1700000000.1"), ("recordid", "2"), ("encoding", "base64"), ("sha1", "1"));

            answer.AssertEnvelope("200");
            Assert.Equal("1700000000.1", answer.Data.GetProperty("uniqueid").GetString());
            Assert.Equal("2", answer.Data.GetProperty("recordid").GetString());
            Assert.Equal(audio.Length, answer.Data.GetProperty("size").GetInt32());
            Assert.Equal(audio, Convert.FromBase64String(answer.Data.GetProperty("data").GetString()!));
#pragma warning disable CA5350 // The guide's sha1 parameter asks for SHA1 by name.
            Assert.Equal(Convert.ToHexString(SHA1.HashData(audio)).ToLowerInvariant(), answer.Data.GetProperty("sha1").GetString());
#pragma warning restore CA5350
        }

        [Fact]
        public async Task RawByDefault_WritesEachByteAsTheCharacterOfTheSameNumber_WithoutSha1()
        {
            await using var emulator = await StartEmulatorAsync();
            var group = emulator.AddRecordGroup("Mine");
            var audio = EveryByteValue(60);
            emulator.AddRecording(NewRecording(group.Id, "u", T0, audio: audio));

            var answer = await CallAsync(emulator, Get, ("recordgroup", $"{group.Id}"), ("uniqueid", "u"), ("recordid", "1"));

            answer.AssertEnvelope("200");
            var text = answer.Data.GetProperty("data").GetString()!;
            Assert.All(text, c => Assert.True(c <= 0xFF));
            Assert.Equal(audio, text.Select(c => (byte)c).ToArray());
            Assert.False(answer.Data.TryGetProperty("sha1", out _));

            // As a Perl encoder writes it: short escapes, \u00XX for other controls, two UTF-8 bytes above 0x7F.
            var body = Encoding.UTF8.GetString(answer.Body);
            Assert.Contains("\\u0000\\u0001", body, StringComparison.Ordinal);
            Assert.Contains("\\b\\t\\n\\u000b\\f\\r", body, StringComparison.Ordinal);
            Assert.Contains("!\\\"#", body, StringComparison.Ordinal);
            Assert.Contains("ÿ", body, StringComparison.Ordinal);
        }

        [Fact]
        public async Task WrapNone_SendsTheBareFileWithItsMediaType_AndErrorsStillAsTheEnvelope()
        {
            await using var emulator = await StartEmulatorAsync();
            var group = emulator.AddRecordGroup("Mine");
            var audio = EveryByteValue(1000);
            emulator.AddRecording(NewRecording(group.Id, "u", T0, audio: audio) with { MimeType = "audio/mpeg" });

            var file = await CallAsync(emulator, Get, ("recordgroup", $"{group.Id}"), ("uniqueid", "u"), ("recordid", "1"), ("wrap", "none"), ("encoding", "base64"), ("sha1", "1"));
            var missing = await CallAsync(emulator, Get, ("recordgroup", $"{group.Id}"), ("uniqueid", "gone"), ("recordid", "1"), ("wrap", "none"));

            Assert.Equal(HttpStatusCode.OK, file.Status);
            Assert.Equal("audio/mpeg", file.ContentType);
            Assert.Equal(audio.Length, file.ContentLength);
            Assert.Equal(audio, file.Body);
            missing.AssertEnvelope("404", "uniqueid");
        }

        [Fact]
        public async Task WrapBefore315_IsIgnoredAndFlaggedUnknown()
        {
            await using var emulator = await StartEmulatorAsync(new EnswitchEmulatorOptions { Version = new(3, 14) });
            var group = emulator.AddRecordGroup("Mine");
            emulator.AddRecording(NewRecording(group.Id, "u", T0));

            var answer = await CallAsync(emulator, Get, ("recordgroup", $"{group.Id}"), ("uniqueid", "u"), ("recordid", "1"), ("wrap", "none"), ("encoding", "base64"));

            answer.AssertEnvelope("200");
            Assert.Equal("AQID", answer.Data.GetProperty("data").GetString());
            Assert.Equal(["wrap"], Assert.Single(emulator.RequestsTo(Get)).UnknownParameters);
        }
    }

    public sealed class TheRecordingsGetFunctionOverSockets() : TheRecordingsGetFunction(EmulatorForm.Socket);

    public sealed class TheRecordingsGetFunctionInMemory() : TheRecordingsGetFunction(EmulatorForm.InMemory);

    public abstract class TheRecordingsCopyFunction(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        [Fact]
        public async Task CopiesIntoTheDestination_AndASecondCopyIsANoOp()
        {
            await using var emulator = await StartEmulatorAsync();
            var source = emulator.AddRecordGroup("Source");
            var destination = emulator.AddRecordGroup("Destination");
            var original = NewRecording(source.Id, "u", T0);
            emulator.AddRecording(original);
            (string, string)[] parameters = [("recordgroup", $"{source.Id}"), ("uniqueid", "u"), ("recordid", "1"), ("destination", $"{destination.Id}")];

            var first = await CallAsync(emulator, Copy, parameters);
            var second = await CallAsync(emulator, Copy, parameters);
            var intoItself = await CallAsync(emulator, Copy, ("recordgroup", $"{source.Id}"), ("uniqueid", "u"), ("recordid", "1"), ("destination", $"{source.Id}"));

            first.AssertEnvelope("204");
            Assert.False(first.HasData);
            second.AssertEnvelope("204");
            intoItself.AssertEnvelope("204");
            Assert.Equal([original, original with { RecordGroupId = destination.Id }], emulator.Recordings);
        }
    }

    public sealed class TheRecordingsCopyFunctionOverSockets() : TheRecordingsCopyFunction(EmulatorForm.Socket);

    public sealed class TheRecordingsCopyFunctionInMemory() : TheRecordingsCopyFunction(EmulatorForm.InMemory);

    public abstract class TheRecordingsUpdateFunction(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        [Fact]
        public async Task SetsTheExpiryFromAUnixTimestamp_ValidationOnlyChangesNothing()
        {
            await using var emulator = await StartEmulatorAsync();
            var group = emulator.AddRecordGroup("Mine");
            var original = NewRecording(group.Id, "u", T0);
            emulator.AddRecording(original);
            var later = T0.AddDays(10).ToUnixTimeSeconds();

            var validated = await CallAsync(emulator, RecordingUpdate, ("recordgroup", $"{group.Id}"), ("uniqueid", "u"), ("recordid", "1"), ("expires", $"{later}"), ("validation", "1"));
            Assert.Equal(original, Assert.Single(emulator.Recordings));
            var updated = await CallAsync(emulator, RecordingUpdate, ("recordgroup", $"{group.Id}"), ("uniqueid", "u"), ("recordid", "1"), ("expires", $"{later}"));

            validated.AssertEnvelope("201");
            updated.AssertEnvelope("204");
            Assert.False(updated.HasData);
            Assert.Equal(original with { Expires = T0.AddDays(10) }, Assert.Single(emulator.Recordings));
        }
    }

    public sealed class TheRecordingsUpdateFunctionOverSockets() : TheRecordingsUpdateFunction(EmulatorForm.Socket);

    public sealed class TheRecordingsUpdateFunctionInMemory() : TheRecordingsUpdateFunction(EmulatorForm.InMemory);

    public abstract class TheRecordingsStartFunction(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        [Fact]
        public async Task AdministratorOrLineOwner_IsAccepted_AndTheStartIsRecorded()
        {
            await using var emulator = await StartEmulatorAsync();
            emulator.AddUser("owner", Secret, EnswitchRoles.Panel);
            emulator.AddLiveCall("1700000000.123456", "owner");

            var byAdmin = await CallAsync(emulator, Start, ("uniqueid", "1700000000.123456"));
            var byOwner = await CallWithAsync(emulator, Start, As("owner", Secret), ("uniqueid", "1700000000.123456"), ("channel", "2"));

            byAdmin.AssertEnvelope("204");
            Assert.False(byAdmin.HasData);
            byOwner.AssertEnvelope("204");
            Assert.Equal(
                [new EmulatedRecordingStart("1700000000.123456", 1, EnswitchEmulator.DefaultUsername), new EmulatedRecordingStart("1700000000.123456", 2, "owner")],
                emulator.RecordingStarts);
        }

        [Fact]
        public async Task ActionsUserWhoIsNeitherAdministratorNorOwner_Gets402_RecordOnlyUserGets402()
        {
            await using var emulator = await StartEmulatorAsync();
            emulator.AddUser("operator", Secret, EnswitchRoles.Actions | EnswitchRoles.Record);
            emulator.AddUser("recorder", Secret, EnswitchRoles.Record);
            emulator.AddLiveCall("call", "someone-else");

            (await CallWithAsync(emulator, Start, As("operator", Secret), ("uniqueid", "call"))).AssertEnvelope("402");
            (await CallWithAsync(emulator, Start, As("recorder", Secret), ("uniqueid", "call"))).AssertEnvelope("402");
            Assert.Empty(emulator.RecordingStarts);
        }

        [Fact]
        public async Task Before41_IsAnUnknownFunction()
        {
            await using var emulator = await StartEmulatorAsync(new EnswitchEmulatorOptions { Version = new(4, 0) });
            emulator.AddLiveCall("call");

            (await CallAsync(emulator, Start, ("uniqueid", "call"))).AssertEnvelope("404");
            Assert.Empty(emulator.RecordingStarts);
        }
    }

    public sealed class TheRecordingsStartFunctionOverSockets() : TheRecordingsStartFunction(EmulatorForm.Socket);

    public sealed class TheRecordingsStartFunctionInMemory() : TheRecordingsStartFunction(EmulatorForm.InMemory);

    /// <summary>
    /// Every documented error of the new functions, against one seeded world: group 1 (the caller's, holding
    /// recording u/1), group 2 (customer 2's, also holding u/1), group 3 (the caller's, empty), live call
    /// <c>call</c>. Each answers HTTP 200 with the code and key, no data, and changes nothing.
    /// </summary>
    public abstract class TheDocumentedErrors(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        [Theory]
        [InlineData(GroupsUpdate, "name=x", "400", "id")]
        [InlineData(GroupsUpdate, "id=abc", "400", "id")]
        [InlineData(GroupsUpdate, "id=1;name= ", "400", "name")]
        [InlineData(GroupsUpdate, "id=1;fraction=101", "400", "fraction")]
        [InlineData(GroupsUpdate, "id=1;beep=-1", "400", "beep")]
        [InlineData(GroupsUpdate, "id=1;record_in=2", "400", "record_in")]
        [InlineData(GroupsUpdate, "id=1;transcribe=yes", "400", "transcribe")]
        [InlineData(GroupsUpdate, "id=99;name=x", "404", "id")]
        [InlineData(GroupsUpdate, "id=2;name=x", "404", "id")]
        [InlineData(GroupsUpdate, "id=2;name=x;validation=1", "404", "id")]
        [InlineData(List, "customer=1;recordgroup=1", "400", "recordgroup")]
        [InlineData(List, "customer=2", "400", "customer")]
        [InlineData(List, "recordgroup=2", "400", "recordgroup")]
        [InlineData(List, "recordgroup=99", "400", "recordgroup")]
        [InlineData(List, "sort=uniqueid", "400", "sort")]
        [InlineData(List, "complete=2", "400", "complete")]
        [InlineData(List, "descending=yes", "400", "descending")]
        [InlineData(List, "totaltime_maximum=-2", "400", "totaltime_maximum")]
        [InlineData(List, "start=-1", "400", "start")]
        [InlineData(Get, "uniqueid=u;recordid=1", "400", "recordgroup")]
        [InlineData(Get, "recordgroup=1;recordid=1", "400", "uniqueid")]
        [InlineData(Get, "recordgroup=1;uniqueid=u", "400", "recordid")]
        [InlineData(Get, "recordgroup=1;uniqueid=u;recordid=1;encoding=hex", "400", "encoding")]
        [InlineData(Get, "recordgroup=1;uniqueid=u;recordid=1;wrap=xml", "400", "wrap")]
        [InlineData(Get, "recordgroup=1;uniqueid=u;recordid=1;sha1=2", "400", "sha1")]
        [InlineData(Get, "recordgroup=1;uniqueid=u;recordid=9", "404", "uniqueid")]
        [InlineData(Get, "recordgroup=2;uniqueid=u;recordid=1", "404", "recordgroup")]
        [InlineData(Get, "recordgroup=99;uniqueid=u;recordid=1;wrap=none", "404", "recordgroup")]
        [InlineData(Copy, "recordgroup=1;uniqueid=u;recordid=1", "400", "destination")]
        [InlineData(Copy, "recordgroup=1;uniqueid=gone;recordid=1;destination=3", "404", "uniqueid")]
        [InlineData(Copy, "recordgroup=2;uniqueid=u;recordid=1;destination=3", "404", "recordgroup")]
        [InlineData(Copy, "recordgroup=1;uniqueid=u;recordid=1;destination=99", "404", "destination")]
        [InlineData(Copy, "recordgroup=1;uniqueid=u;recordid=1;destination=2", "404", "destination")]
        [InlineData(RecordingUpdate, "recordgroup=1;uniqueid=u;recordid=1;expires=-5", "400", "expires")]
        [InlineData(RecordingUpdate, "recordgroup=1;uniqueid=u;recordid=1;expires=99999999999999", "400", "expires")]
        [InlineData(RecordingUpdate, "recordgroup=1;uniqueid=u;expires=1", "400", "recordid")]
        [InlineData(RecordingUpdate, "recordgroup=1;uniqueid=gone;recordid=1;expires=1", "404", "uniqueid")]
        [InlineData(RecordingUpdate, "recordgroup=2;uniqueid=u;recordid=1;validation=1", "404", "recordgroup")]
        [InlineData(Start, "channel=1", "400", "uniqueid")]
        [InlineData(Start, "uniqueid=call;channel=3", "400", "channel")]
        [InlineData(Start, "uniqueid=call;channel=0", "400", "channel")]
        [InlineData(Start, "uniqueid=ended", "404", "uniqueid")]
        public async Task AnswerTheDocumentedCodeAndKey_AndChangeNothing(string function, string parameters, string code, string key)
        {
            await using var emulator = await StartEmulatorAsync();
            var mine = emulator.AddRecordGroup("Mine");
            var theirs = emulator.AddRecordGroup("Theirs", customerId: 2);
            emulator.AddRecordGroup("Empty");
            emulator.AddRecording(NewRecording(mine.Id, "u", T0));
            emulator.AddRecording(NewRecording(theirs.Id, "u", T0));
            emulator.AddLiveCall("call");
            var groups = emulator.RecordGroups;
            var recordings = emulator.Recordings;
            var pairs = parameters.Split(';').Select(p => p.Split('=')).Select(p => (p[0], p[1])).ToArray();

            var answer = await CallAsync(emulator, function, pairs);

            answer.AssertEnvelope(code, key);
            Assert.False(answer.HasData);
            Assert.Equal(groups, emulator.RecordGroups);
            Assert.Equal(recordings, emulator.Recordings);
            Assert.Empty(emulator.RecordingStarts);
        }

        // The 4.1 and 4.2 guides list message (and so validate it); the 4.4 guide does not (quirk 7).
        [Theory]
        [InlineData(GroupsUpdate, "id=1;message=loud", 4, 2, true)]
        [InlineData(GroupsUpdate, "id=1;message=loud", 4, 4, false)]
        public async Task ValidateMessageOnlyWhereTheGuideListsIt(string function, string parameters, int major, int minor, bool listed)
        {
            await using var emulator = await StartEmulatorAsync(new EnswitchEmulatorOptions { Version = new(major, minor) });
            emulator.AddRecordGroup("Mine");
            var pairs = parameters.Split(';').Select(p => p.Split('=')).Select(p => (p[0], p[1])).ToArray();

            var answer = await CallAsync(emulator, function, pairs);

            if (listed)
            {
                answer.AssertEnvelope("400", "message");
            }
            else
            {
                answer.AssertEnvelope("204", string.Empty);
                Assert.Equal(["message"], Assert.Single(emulator.RequestsTo(function)).UnknownParameters);
            }
        }
    }

    public sealed class TheDocumentedErrorsOverSockets() : TheDocumentedErrors(EmulatorForm.Socket);

    public sealed class TheDocumentedErrorsInMemory() : TheDocumentedErrors(EmulatorForm.InMemory);

    public abstract class TheLoginFunctionAndTokens(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        private static async Task<string> LoginForTokenAsync(EnswitchEmulator emulator)
        {
            var answer = await CallAsync(emulator, Login, ("token", "1"));
            answer.AssertEnvelope("200");
            return answer.Data.GetProperty("auth_token").GetString()!;
        }

        [Fact]
        public async Task TokenLogin_ReturnsTheTokenAndItsExpiry_AndTheTokenAuthenticatesOtherCalls()
        {
            var clock = new FakeTimeProvider(T0);
            await using var emulator = await StartEmulatorAsync(new EnswitchEmulatorOptions { TimeProvider = clock });

            var login = await CallAsync(emulator, Login, ("token", "1"));
            var token = login.Data.GetProperty("auth_token").GetString()!;
            var list = await CallWithAsync(emulator, List, [("auth_token", token)]);
            var second = await LoginForTokenAsync(emulator);

            login.AssertEnvelope("200");
            Assert.True(token.Length >= 32);
            Assert.NotEqual(token, second);
            Assert.Equal(3600, login.Data.GetProperty("auth_token_expiry").GetInt64());
            Assert.Equal(T0.AddHours(1).ToUnixTimeSeconds(), login.Data.GetProperty("auth_token_expires").GetInt64());
            list.AssertEnvelope("200");
            var journal = emulator.Journal;
            Assert.Equal([EmulatorCredential.Password, EmulatorCredential.Token, EmulatorCredential.Password], journal.Select(r => r.AuthenticatedWith));
            Assert.Equal(2, journal.Count(r => r["auth_password"] is not null));
            Assert.Empty(journal[1].UnknownParameters);
            Assert.DoesNotContain(token, journal[1].ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(EnswitchEmulator.DefaultPassword, journal[0].ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task ExpiredToken_Answers401_AndLoggingInAgainWorks()
        {
            var clock = new FakeTimeProvider(T0);
            await using var emulator = await StartEmulatorAsync(new EnswitchEmulatorOptions { TimeProvider = clock, TokenLifetime = TimeSpan.FromMinutes(5) });
            var token = await LoginForTokenAsync(emulator);

            clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
            (await CallWithAsync(emulator, List, [("auth_token", token)])).AssertEnvelope("200");
            clock.Advance(TimeSpan.FromSeconds(1));
            (await CallWithAsync(emulator, List, [("auth_token", token)])).AssertEnvelope("401");
            var fresh = await LoginForTokenAsync(emulator);
            (await CallWithAsync(emulator, List, [("auth_token", fresh)])).AssertEnvelope("200");

            Assert.Equal(EmulatorCredential.None, emulator.RequestsTo(List)[1].AuthenticatedWith);
            Assert.Equal(2, emulator.RequestsTo(Login).Count);
        }

        [Fact]
        public async Task ExpireAllTokens_MakesEveryTokenAnswer401()
        {
            await using var emulator = await StartEmulatorAsync();
            var token = await LoginForTokenAsync(emulator);

            emulator.ExpireAllTokens();

            (await CallWithAsync(emulator, List, [("auth_token", token)])).AssertEnvelope("401");
        }

        [Fact]
        public async Task BadToken_Answers401_EvenBesideAGoodPassword()
        {
            await using var emulator = await StartEmulatorAsync();

            (await CallWithAsync(emulator, List, [("auth_token", "forged")])).AssertEnvelope("401");
            (await CallWithAsync(emulator, List, [.. Admin, ("auth_token", "forged")])).AssertEnvelope("401");
            Assert.All(emulator.Journal, r => Assert.Equal(EmulatorCredential.None, r.AuthenticatedWith));
        }

        [Fact]
        public async Task NeverExpiringTokens_HaveNoExpiryTime_AndOutliveAnyClock()
        {
            var clock = new FakeTimeProvider(T0);
            await using var emulator = await StartEmulatorAsync(new EnswitchEmulatorOptions { TimeProvider = clock, TokenLifetime = null });

            var login = await CallAsync(emulator, Login, ("token", "1"));
            clock.Advance(TimeSpan.FromDays(1000));

            Assert.Equal(0, login.Data.GetProperty("auth_token_expiry").GetInt64());
            Assert.False(login.Data.TryGetProperty("auth_token_expires", out _));
            (await CallWithAsync(emulator, List, [("auth_token", login.Data.GetProperty("auth_token").GetString()!)])).AssertEnvelope("200");
        }

        [Fact]
        public async Task Before41_TokenIsUnknown_NoTokenIsIssued_AndAuthTokenDoesNotAuthenticate()
        {
            await using var emulator = await StartEmulatorAsync(new EnswitchEmulatorOptions { Version = new(4, 0) });

            var login = await CallAsync(emulator, Login, ("token", "1"));
            var withToken = await CallWithAsync(emulator, List, [("auth_token", "anything")]);

            login.AssertEnvelope("200");
            Assert.False(login.Data.TryGetProperty("auth_token", out _));
            Assert.Equal(EnswitchEmulator.DefaultUsername, login.Data.GetProperty("username").GetString());
            withToken.AssertEnvelope("401");
            Assert.Equal(["token"], emulator.RequestsTo(Login)[0].UnknownParameters);
            Assert.Equal(["auth_token"], emulator.RequestsTo(List)[0].UnknownParameters);
        }

        [Fact]
        public async Task WrongPassword_Answers401_AndBadTokenFlag400()
        {
            await using var emulator = await StartEmulatorAsync();

            (await CallWithAsync(emulator, Login, As(EnswitchEmulator.DefaultUsername, "wrong"), ("token", "1"))).AssertEnvelope("401");
            (await CallAsync(emulator, Login, ("token", "2"))).AssertEnvelope("400", "token");
        }

        [Fact]
        public async Task NonPositiveTokenLifetime_FailsAtStart()
        {
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => StartEmulatorAsync(new EnswitchEmulatorOptions { TokenLifetime = TimeSpan.Zero }));
        }
    }

    public sealed class TheLoginFunctionAndTokensOverSockets() : TheLoginFunctionAndTokens(EmulatorForm.Socket);

    public sealed class TheLoginFunctionAndTokensInMemory() : TheLoginFunctionAndTokens(EmulatorForm.InMemory);

    public abstract class TheSeedingApi(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        [Fact]
        public async Task AddRecording_RefusesAMissingGroup_AndAddRecordGroupRefusesAChangedId()
        {
            await using var emulator = await StartEmulatorAsync();

            Assert.Throws<ArgumentException>(() => emulator.AddRecording(NewRecording(42, "u", T0)));
            Assert.Throws<ArgumentException>(() => emulator.AddRecordGroup("x", configure: g => g with { Id = g.Id + 1 }));
            Assert.Empty(emulator.Recordings);
        }

        [Fact]
        public async Task AddRecordGroup_StoresTheCreateDefaults()
        {
            await using var emulator = await StartEmulatorAsync();

            var group = emulator.AddRecordGroup("Sales");

            Assert.Equal(new EmulatedRecordGroup(group.Id, 1, "Sales", "", "", 365, 100, 0, "", 0, true, true, false), Assert.Single(emulator.RecordGroups));
        }
    }

    public sealed class TheSeedingApiOverSockets() : TheSeedingApi(EmulatorForm.Socket);

    public sealed class TheSeedingApiInMemory() : TheSeedingApi(EmulatorForm.InMemory);
}

/// <summary>
/// Large downloads measured alone (no other test allocating meanwhile): the emulator streams the audio,
/// so the process allocates far less than the file while serving it.
/// </summary>
[Collection(nameof(EmulatorStreamingTests))]
public abstract class EmulatorStreamingTests(EmulatorForm form) : OnBothEmulatorForms(form)
{
    private const int FileBytes = 48 * 1024 * 1024;

    [Theory]
    [InlineData("none", "raw")]
    [InlineData("json", "base64")]
    [InlineData("json", "raw")]
    public async Task LargeRecording_IsStreamed_AllocatingFarLessThanTheFile(string wrap, string encoding)
    {
        var token = TestContext.Current.CancellationToken;
        await using var emulator = await StartEmulatorAsync();
        var group = emulator.AddRecordGroup("Big");
        var audio = new byte[FileBytes];
        new Random(7).NextBytes(audio);
        emulator.AddRecording(new EmulatedRecording(group.Id, "big", "1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, "", "", "", true, "audio/wav", DateTimeOffset.UnixEpoch, audio));
        using var http = new HttpClient(emulator.CreateHandler());
        var uri = new Uri(emulator.BaseAddress, "api/json/recording/recordings/get/");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["auth_username"] = EnswitchEmulator.DefaultUsername,
            ["auth_password"] = EnswitchEmulator.DefaultPassword,
            ["recordgroup"] = $"{group.Id}",
            ["uniqueid"] = "big",
            ["recordid"] = "1",
            ["encoding"] = encoding,
            ["wrap"] = wrap,
        });
        var buffer = new byte[64 * 1024];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var streamed = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
        await using var body = await streamed.Content.ReadAsStreamAsync(token);
        long received = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, token)) > 0)
        {
            received += read;
            if (wrap == "none")
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(received >= FileBytes, $"received {received} bytes");
        if (wrap == "none")
        {
            Assert.Equal(SHA256.HashData(audio), hash.GetHashAndReset());
        }

        TestContext.Current.SendDiagnosticMessage($"wrap={wrap} encoding={encoding}: {received} bytes received, {allocated} bytes allocated");
        Assert.True(allocated < FileBytes / 4, $"{allocated} bytes allocated while serving {FileBytes} bytes");
    }
}

/// <summary>Runs <see cref="EmulatorStreamingTests"/> alone: they measure the process's allocations.</summary>
[CollectionDefinition(nameof(EmulatorStreamingTests), DisableParallelization = true)]
public sealed class EmulatorStreamingTestsRunAlone;

/// <summary>The large downloads from the emulator on a socket.</summary>
[Collection(nameof(EmulatorStreamingTests))]
public sealed class EmulatorStreamingTestsOverSockets() : EmulatorStreamingTests(EmulatorForm.Socket);

/// <summary>The large downloads from the emulator in memory.</summary>
[Collection(nameof(EmulatorStreamingTests))]
public sealed class EmulatorStreamingTestsInMemory() : EmulatorStreamingTests(EmulatorForm.InMemory);
