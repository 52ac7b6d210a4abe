using System.Globalization;
using System.Net;
using System.Text.Json;
using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The functions the emulator serves from the catalogue, beyond their shape: objects that round-trip from create
/// to delete by id (or by the parameter that identifies them), seeding, lists, privileges, rate plans, validation,
/// versions, authentication and the journal, all through the SDK's raw call, over loopback and in memory.
/// </summary>
public static class EmulatorCatalogueObjectTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static IEnswitchClient Client(SdkHarness h) => h.Services.GetRequiredService<IEnswitchClient>();

    private static Task<JsonElement?> CallAsync(SdkHarness h, string function, params (string Name, string Value)[] parameters) =>
        Client(h).CallAsync(function, [.. parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))], cancellationToken: Token);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static List<long> Ids(JsonElement? rows) => [.. Assert.NotNull(rows).EnumerateArray().Select(r => r.GetProperty("id").GetInt64())];

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);

    /// <summary>Adds a user in the default customer with these catalogue privileges and no <see cref="EnswitchRoles"/> flag.</summary>
    private static EmulatedUser AddUser(EnswitchEmulator emulator, string username, params string[] privileges)
    {
        var user = new EmulatedUser(username, "clerk-password", EnswitchRoles.None, emulator.Options.DefaultCustomerId)
        {
            Privileges = privileges.ToHashSet(StringComparer.Ordinal),
        };
        emulator.AddUser(user);
        return user;
    }

    private static Task<SdkHarness> StartAsUserAsync(EmulatorForm form, string username, EnswitchEmulatorOptions? options = null) =>
        SdkHarness.StartAsync(o => (o.Username, o.Password) = (username, "clerk-password"), emulatorOptions: options, form: form);

    public abstract class ObjectsRoundTrip(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        [Fact]
        public async Task People_AreCreatedReadListedUpdatedAndDeletedById_ThenAnswer404()
        {
            await using var h = await StartHarnessAsync();

            var id = Assert.NotNull(await CallAsync(h, "people/create", ("username", "alice"), ("email", "alice@example.com"), ("role", "3"), ("password", "alice-secret"))).GetProperty("id").GetInt64();
            var person = Assert.NotNull(await CallAsync(h, "people/get", ("id", Text(id))));
            var listed = await CallAsync(h, "people/list");
            Assert.Null(await CallAsync(h, "people/update", ("id", Text(id)), ("email", "alice@example.org")));
            var updated = Assert.NotNull(await CallAsync(h, "people/get", ("id", Text(id))));
            Assert.Null(await CallAsync(h, "people/delete", ("id", Text(id))));

            Assert.Equal((id, "alice"), (person.GetProperty("id").GetInt64(), person.GetProperty("username").GetString()));
            Assert.Equal(3, person.GetProperty("role").GetInt64());
            Assert.Equal([id], Ids(listed));
            Assert.Equal("alice@example.org", updated.GetProperty("email").GetString());
            Assert.Empty(h.Emulator.ObjectsIn("people"));
            Assert.Equal("id", (await Assert.ThrowsAsync<NotFoundException>(() => CallAsync(h, "people/get", ("id", Text(id))))).Key);
            await Assert.ThrowsAsync<NotFoundException>(() => CallAsync(h, "people/update", ("id", Text(id)), ("email", "x@example.com")));
            await Assert.ThrowsAsync<NotFoundException>(() => CallAsync(h, "people/delete", ("id", Text(id))));
        }

        [Fact]
        public async Task Customers_KeepWhatCreateAndUpdateSent_AndAnUnknownIdIs404()
        {
            await using var h = await StartHarnessAsync();

            var id = Assert.NotNull(await CallAsync(h, "customers/create", ("name", "Acme"), ("plan", "7"), ("email", "billing@acme.example"))).GetProperty("id").GetInt64();
            Assert.Null(await CallAsync(h, "customers/update", ("id", Text(id)), ("account", "AC-1")));
            var customer = Assert.NotNull(await CallAsync(h, "customers/get", ("id", Text(id))));
            var listed = await CallAsync(h, "customers/list");

            Assert.Equal(("Acme", "AC-1"), (customer.GetProperty("name").GetString(), customer.GetProperty("account").GetString()));
            Assert.Equal(7, customer.GetProperty("plan").GetInt64());
            Assert.Equal([id], Ids(listed));
            var stored = Assert.Single(h.Emulator.ObjectsIn("customers"));
            Assert.Equal((id, "customers"), (stored.Id, stored.Category));
            Assert.Equal(Fields(("name", "Acme"), ("plan", "7"), ("email", "billing@acme.example"), ("account", "AC-1")), stored.Fields);
            Assert.Equal("id", (await Assert.ThrowsAsync<NotFoundException>(() => CallAsync(h, "customers/get", ("id", Text(id + 1))))).Key);
        }

        [Fact]
        public async Task Mailboxes_AreIdentifiedByTheirMailbox_WhichCannotBeCreatedTwice()
        {
            await using var h = await StartHarnessAsync();

            Assert.True(Assert.NotNull(await CallAsync(h, "mailboxes/create", ("mailbox", "200"), ("pin", "4321"))).GetProperty("id").GetInt64() > 0);
            var duplicate = await Assert.ThrowsAsync<InvalidParameterException>(() => CallAsync(h, "mailboxes/create", ("mailbox", "200")));
            Assert.Null(await CallAsync(h, "mailboxes/update", ("mailbox", "200"), ("description", "Front desk")));
            var mailbox = Assert.NotNull(await CallAsync(h, "mailboxes/get", ("mailbox", "200")));
            Assert.Null(await CallAsync(h, "mailboxes/delete", ("mailbox", "200")));

            Assert.Equal("mailbox", duplicate.Key);
            Assert.Equal(("200", "Front desk"), (mailbox.GetProperty("mailbox").GetString(), mailbox.GetProperty("description").GetString()));
            Assert.Equal(JsonValueKind.Number, mailbox.GetProperty("customer").ValueKind);
            Assert.Equal("mailbox", (await Assert.ThrowsAsync<NotFoundException>(() => CallAsync(h, "mailboxes/get", ("mailbox", "200")))).Key);
        }

        [Fact]
        public async Task Phones_CreatedByName_AreReadListedAndUpdatedByName()
        {
            await using var h = await StartHarnessAsync();

            var id = Assert.NotNull(await CallAsync(h, "phones/create", ("name", "1001"), ("password", "sip-secret"))).GetProperty("id").GetInt64();
            Assert.Null(await CallAsync(h, "phones/update", ("name", "1001"), ("description", "Reception")));
            var phone = Assert.NotNull(await CallAsync(h, "phones/get", ("name", "1001")));
            var panel = await CallAsync(h, "phones/list/panel");

            Assert.Equal((id, "1001", "Reception"), (phone.GetProperty("id").GetInt64(), phone.GetProperty("name").GetString(), phone.GetProperty("description").GetString()));
            Assert.Equal([id], Ids(panel));
            await Assert.ThrowsAsync<NotFoundException>(() => CallAsync(h, "phones/get", ("name", "1002")));
        }

        [Fact]
        public async Task SeededSystemNumbers_AreReadUpdatedAndDeletedByNumber()
        {
            await using var h = await StartHarnessAsync();
            var seeded = h.Emulator.AddObject("numbers/system", Fields(("number", "441632960000"), ("class", "3")));

            var number = Assert.NotNull(await CallAsync(h, "numbers/system/get", ("number", "441632960000")));
            Assert.Null(await CallAsync(h, "numbers/system/update", ("number", "441632960000"), ("class", "5")));
            var updated = Assert.Single(h.Emulator.ObjectsIn("numbers/system"));
            Assert.Null(await CallAsync(h, "numbers/system/delete", ("number", "441632960000")));

            Assert.Equal((seeded.Id, 3), (number.GetProperty("id").GetInt64(), number.GetProperty("class").GetInt64()));
            Assert.Equal(Fields(("number", "441632960000"), ("class", "5")), updated.Fields);
            Assert.Equal(Fields(("number", "441632960000"), ("class", "3")), seeded.Fields);
            Assert.Empty(h.Emulator.ObjectsIn("numbers/system"));
            await Assert.ThrowsAsync<NotFoundException>(() => CallAsync(h, "numbers/system/get", ("number", "441632960000")));
        }
    }

    public sealed class ObjectsRoundTripOverSockets() : ObjectsRoundTrip(EmulatorForm.Socket);

    public sealed class ObjectsRoundTripInMemory() : ObjectsRoundTrip(EmulatorForm.InMemory);

    public abstract class Lists(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        [Fact]
        public async Task HonourOffsetAndLimit_InIdOrder_AndZeroLimitMeansAll()
        {
            await using var h = await StartHarnessAsync();
            var ids = Enumerable.Range(1, 5).Select(i => h.Emulator.AddObject("people", Fields(("username", $"user{i}"))).Id).ToList();

            Assert.Equal(ids[1..3], Ids(await CallAsync(h, "people/list", ("offset", "1"), ("limit", "2"))));
            Assert.Equal(ids[3..], Ids(await CallAsync(h, "people/list", ("offset", "3"), ("limit", "0"))));
            Assert.Equal(ids, Ids(await CallAsync(h, "people/list")));
        }

        [Fact]
        public async Task KeepOnlyTheRowsOfTheParentTheListRequires()
        {
            await using var h = await StartHarnessAsync();
            var mine = h.Emulator.AddObject("bulk/destinations", Fields(("campaign", "1"), ("dnumber", "441632960001")));
            h.Emulator.AddObject("bulk/destinations", Fields(("campaign", "2"), ("dnumber", "441632960002")));

            var rows = Assert.NotNull(await CallAsync(h, "bulk/destinations/list", ("campaign", "1")));

            var row = Assert.Single(rows.EnumerateArray());
            Assert.Equal((mine.Id, "441632960001"), (row.GetProperty("id").GetInt64(), row.GetProperty("dnumber").GetString()));
            Assert.Equal(string.Empty, row.GetProperty("dtype").GetString());
        }

        [Fact]
        public async Task Set_ReplacesTheObjectItIdentifies_InsteadOfAddingAnother()
        {
            await using var h = await StartHarnessAsync();

            Assert.Null(await CallAsync(h, "preferences/set", ("name", "theme"), ("value", "dark")));
            Assert.Null(await CallAsync(h, "preferences/set", ("name", "theme"), ("value", "light")));
            Assert.Null(await CallAsync(h, "preferences/set", ("name", "language"), ("value", "en")));
            var rows = Assert.NotNull(await CallAsync(h, "preferences/list"));

            Assert.Equal(["theme", "language"], rows.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
            Assert.Equal("light", h.Emulator.ObjectsIn("preferences")[0].Fields["value"]);
        }
    }

    public sealed class ListsOverSockets() : Lists(EmulatorForm.Socket);

    public sealed class ListsInMemory() : Lists(EmulatorForm.InMemory);

    public abstract class Seeding(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        [Fact]
        public async Task AddObject_RefusesWhatNoFunctionServedFromTheCatalogueKeeps_AndAnId()
        {
            await using var emulator = await StartEmulatorAsync();

            Assert.Throws<ArgumentException>(() => emulator.AddObject("recording/groups"));
            Assert.Throws<ArgumentException>(() => emulator.AddObject("customer"));
            Assert.Throws<ArgumentException>(() => emulator.ObjectsIn("customers/create"));
            Assert.Throws<ArgumentException>(() => emulator.AddObject("customers", Fields(("id", "5"))));
            Assert.Empty(emulator.ObjectsIn("customers"));
        }

        [Fact]
        public async Task EmulatedObject_PrintsFieldNames_ButNoValue()
        {
            await using var h = await StartHarnessAsync();
            await CallAsync(h, "people/create", ("username", "bob"), ("email", "bob@example.com"), ("role", "1"), ("password", "bob-secret-77"));

            var text = Assert.Single(h.Emulator.ObjectsIn("people")).ToString();

            Assert.Contains("password", text, StringComparison.Ordinal);
            Assert.DoesNotContain("bob-secret-77", text, StringComparison.Ordinal);
            Assert.DoesNotContain("bob@example.com", text, StringComparison.Ordinal);
        }
    }

    public sealed class SeedingOverSockets() : Seeding(EmulatorForm.Socket);

    public sealed class SeedingInMemory() : Seeding(EmulatorForm.InMemory);

    public abstract class PrivilegesAndRatePlans(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        [Fact]
        public async Task APrivilegeByItsCatalogueName_AllowsItsFunctions_AndNoOthers()
        {
            await using var h = await StartAsUserAsync(Form, "clerk");
            AddUser(h.Emulator, "clerk", "cdrs", "commerce");

            Assert.Equal(JsonValueKind.Array, Assert.NotNull(await CallAsync(h, "cdrs/list")).ValueKind);
            Assert.True(Assert.NotNull(await CallAsync(h, "customers/create", ("name", "A"), ("plan", "1"), ("email", "a@example.com"))).GetProperty("id").GetInt64() > 0);
            await Assert.ThrowsAsync<RoleDeniedException>(() => CallAsync(h, "routes/import", ("csv", "1,2")));
            await Assert.ThrowsAsync<RoleDeniedException>(() => CallAsync(h, "alerts/create", ("name", "n"), ("email", "e@example.com"), ("type", "t")));
        }

        [Fact]
        public async Task AnEnswitchRolesFlag_CountsAsTheCataloguePrivilegeOfItsName()
        {
            await using var h = await StartAsUserAsync(Form, "manager");
            h.Emulator.AddUser(new EmulatedUser("manager", "clerk-password", EnswitchRoles.Administrator, h.Emulator.Options.DefaultCustomerId));

            Assert.True(Assert.NotNull(await CallAsync(h, "alerts/create", ("name", "n"), ("email", "e@example.com"), ("type", "t"))).GetProperty("id").GetInt64() > 0);
            await Assert.ThrowsAsync<RoleDeniedException>(() => CallAsync(h, "cdrs/list"));
        }

        [Fact]
        public async Task APrivilegeByName_AllowsTheHandWrittenRecordingFunctionsOfItsFlag()
        {
            await using var h = await StartAsUserAsync(Form, "recorder");
            AddUser(h.Emulator, "recorder", "record");
            var group = h.Emulator.AddRecordGroup("Sales");

            Assert.Null(await CallAsync(h, "recording/groups/update", ("id", Text(group.Id)), ("name", "Support")));
            await Assert.ThrowsAsync<RoleDeniedException>(() => CallAsync(h, "recording/groups/create", ("name", "Other")));
            Assert.Equal("Support", Assert.Single(h.Emulator.RecordGroups).Name);
        }

        [Fact]
        public void TheDefaultAdministrator_HoldsEveryPrivilege_AndAPlainUserNone()
        {
            var admin = new EmulatedUser("a", "p", EnswitchRoles.All, 1) { HasEveryPrivilege = true };
            var plain = new EmulatedUser("b", "p", EnswitchRoles.Panel, 1);

            Assert.All(ApiCatalogue.AllRoles, role => Assert.True(admin.HasPrivilege(role)));
            Assert.Equal(["panel"], ApiCatalogue.AllRoles.Where(plain.HasPrivilege));
        }

        [Fact]
        public async Task ARatePlanDenial_Answers403_ForAFunctionServedFromTheCatalogue_AndStoresNothing()
        {
            await using var h = await StartAsUserAsync(Form, "budget");
            h.Emulator.AddUser(new EmulatedUser("budget", "clerk-password", EnswitchRoles.None, h.Emulator.Options.DefaultCustomerId)
            {
                Privileges = new HashSet<string>(["commerce"], StringComparer.Ordinal),
                RatePlanDenies = new HashSet<string>(["customers/create"], StringComparer.Ordinal),
            });

            await Assert.ThrowsAsync<RatePlanDeniedException>(() => CallAsync(h, "customers/create", ("name", "A"), ("plan", "1"), ("email", "a@example.com")));

            Assert.Empty(h.Emulator.ObjectsIn("customers"));
            Assert.Equal(JsonValueKind.Array, Assert.NotNull(await CallAsync(h, "customers/list")).ValueKind);
        }
    }

    public sealed class PrivilegesAndRatePlansOverSockets() : PrivilegesAndRatePlans(EmulatorForm.Socket);

    public sealed class PrivilegesAndRatePlansInMemory() : PrivilegesAndRatePlans(EmulatorForm.InMemory);

    public abstract class Validation(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        [Fact]
        public async Task ValidationOnly_Answers201_AndStoresNothing()
        {
            await using var h = await StartHarnessAsync();

            var data = await Client(h).CallAsync(
                "people/create",
                [new("username", "carol"), new("email", "carol@example.com"), new("role", "1"), new("validation", "1")],
                OperationKind.ValidateOnly,
                cancellationToken: Token);

            Assert.Null(data);
            Assert.Empty(h.Emulator.ObjectsIn("people"));
            var succeeded = Assert.Single(h.Logs.GetSnapshot(), r => r.Id.Id == 2);
            Assert.Contains(succeeded.StructuredState!, s => s.Key == "Code" && s.Value == "201");
        }

        [Fact]
        public async Task ValidationOnly_OfAnUnknownId_Is404_AsTheCheckIncludesTheObject()
        {
            await using var h = await StartHarnessAsync();

            var thrown = await Assert.ThrowsAsync<NotFoundException>(() => Client(h).CallAsync(
                "people/update", [new("id", "424242"), new("email", "x@example.com"), new("validation", "1")], OperationKind.ValidateOnly, cancellationToken: Token));

            Assert.Equal("id", thrown.Key);
        }
    }

    public sealed class ValidationOverSockets() : Validation(EmulatorForm.Socket);

    public sealed class ValidationInMemory() : Validation(EmulatorForm.InMemory);

    public abstract class VersionsAuthenticationAndJournal(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        [Fact]
        public async Task TheJournal_FlagsParametersTheCatalogueDoesNotList_AndThoseNewerThanTheEmulatedVersion()
        {
            await using var h = await StartHarnessAsync(emulatorOptions: new EnswitchEmulatorOptions { Version = new(4, 3) });
            h.Emulator.AddObject("people", Fields(("username", "dave")));

            var rows = await CallAsync(h, "people/list", ("limit", "1"), ("zohocrm", "1"), ("colour", "blue"));

            Assert.Single(Assert.NotNull(rows).EnumerateArray());
            var request = Assert.Single(h.Emulator.RequestsTo("people/list"));
            Assert.Equal(["zohocrm", "colour"], request.UnknownParameters);
            Assert.Equal("blue", request["colour"]);
        }

        [Fact]
        public async Task AFunctionNewerThanTheEmulatedVersion_IsUnknown_ButOneWhoseVersionIsOnlyInferredIsServed()
        {
            await using var h = await StartHarnessAsync(emulatorOptions: new EnswitchEmulatorOptions { Version = new(4, 2) });
            Assert.False(ApiCatalogue.Functions["calleridgroups/create"].SinceInferred);
            Assert.True(ApiCatalogue.Functions["customers/create"].SinceInferred);

            var unknown = await Assert.ThrowsAsync<NotFoundException>(() => CallAsync(h, "calleridgroups/create", ("name", "n"), ("description", "d")));
            var created = await CallAsync(h, "customers/create", ("name", "A"), ("plan", "1"), ("email", "a@example.com"));

            Assert.Equal(string.Empty, unknown.Key);
            Assert.True(Assert.NotNull(created).GetProperty("id").GetInt64() > 0);
        }

        [Fact]
        public async Task AFunctionWithoutAuthentication_IsServedWithoutCredentials_WhileOthersAnswer401()
        {
            await using var h = await StartHarnessAsync(o => o.Password = "wrong-password");
            h.Emulator.AddObject("numbers/available", Fields(("number", "441632960000"), ("class", "2")));

            var number = await CallAsync(h, "numbers/available/get", ("number", "441632960000"));
            await Assert.ThrowsAsync<AuthenticationException>(() => CallAsync(h, "numbers/available/list", ("ingroup", "1")));

            Assert.Equal(("441632960000", 2), (Assert.NotNull(number).GetProperty("number").GetString(), number.Value.GetProperty("class").GetInt64()));
            var request = Assert.Single(h.Emulator.RequestsTo("numbers/available/get"));
            Assert.Equal(EmulatorCredential.None, request.AuthenticatedWith);
            Assert.DoesNotContain(request.Parameters, p => p.Key.StartsWith("auth_", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("", HttpStatusCode.OK, "200")]
        [InlineData("auth_username=admin&auth_password=wrong&", HttpStatusCode.OK, "401")]
        public async Task AFunctionWithOptionalAuthentication_IsServedWithoutCredentials_ButNotWithWrongOnes(string credentials, HttpStatusCode status, string code)
        {
            await using var emulator = await StartEmulatorAsync();
            using var http = new HttpClient(emulator.CreateHandler());
            using var content = new StringContent(credentials + "ingroup=1", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

            using var response = await http.PostAsync(new Uri(emulator.BaseAddress, "api/json/numbers/available/list/"), content, Token);

            Assert.Equal(status, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
            Assert.Equal(code, body.RootElement.GetProperty("responses")[0].GetProperty("code").GetString());
        }
    }

    public sealed class VersionsAuthenticationAndJournalOverSockets() : VersionsAuthenticationAndJournal(EmulatorForm.Socket);

    public sealed class VersionsAuthenticationAndJournalInMemory() : VersionsAuthenticationAndJournal(EmulatorForm.InMemory);
}
