using System.Text.Json;
using Enswitch.Client.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// Every catalogued function (api/*.json, read at test time) called through the SDK's raw call against the
/// emulator, over loopback and in memory: it answers in the catalogue's shape, refuses each required parameter left out with
/// a 400 naming it, and refuses a caller without the function's roles with a 402.
/// </summary>
public static class EmulatorCatalogueTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static List<KeyValuePair<string, string>> Pairs(IEnumerable<KeyValuePair<string, string>> values) => [.. values];

    public abstract class EveryFunction(CatalogueEmulatorFixture fixture)
    {
        [Theory]
        [MemberData(nameof(ApiCatalogue.AllNames), MemberType = typeof(ApiCatalogue))]
        public async Task WithItsRequiredParameters_SucceedsInTheCataloguesShape(string function)
        {
            var entry = ApiCatalogue.Functions[function];
            var values = fixture.Seed(entry);

            var data = await fixture.Admin.CallAsync(function, Pairs(values), cancellationToken: Token);

            var request = fixture.Emulator.RequestsTo(function)[^1];
            Assert.Empty(request.UnknownParameters);
            Assert.Equal(entry.Authentication == "none" ? EmulatorCredential.None : EmulatorCredential.Password, request.AuthenticatedWith);
            AssertShape(entry, data);
        }

        private static void AssertShape(ApiFunction entry, JsonElement? data)
        {
            switch (entry.Shape)
            {
                case "none":
                    Assert.Null(data);
                    break;
                case "id":
                    Assert.True(Assert.NotNull(data).GetProperty("id").GetInt64() > 0);
                    break;
                case "count":
                    Assert.True(Assert.NotNull(data).GetProperty("count").GetInt64() >= 0);
                    break;
                case "object":
                    AssertFields(entry, Assert.NotNull(data));
                    break;
                case "strings":
                    Assert.All(Assert.NotNull(data).EnumerateArray(), value => Assert.Equal(JsonValueKind.String, value.ValueKind));
                    break;
                default:
                    var rows = Assert.NotNull(data);
                    Assert.Equal(JsonValueKind.Array, rows.ValueKind);
                    if (entry.Action is "list" or "export" or "panel" && !entry.Name.StartsWith("recording/", StringComparison.Ordinal))
                    {
                        // The seeded object of the category is a row, so the rows' fields are checked too.
                        Assert.NotEmpty(rows.EnumerateArray());
                    }

                    Assert.All(rows.EnumerateArray(), row => AssertFields(entry, row));
                    break;
            }
        }

        private static void AssertFields(ApiFunction entry, JsonElement row)
        {
            Assert.Equal(JsonValueKind.Object, row.ValueKind);
            foreach (var field in entry.Fields)
            {
                Assert.True(row.TryGetProperty(field.Name, out var value), $"{entry.Name} answered without the example's field '{field.Name}': {row}");
                var kinds = field.Type switch
                {
                    "integer" or "number" => [JsonValueKind.Number],
                    "string" => [JsonValueKind.String],
                    "integer-or-string" => [JsonValueKind.Number, JsonValueKind.String],
                    "boolean" => [JsonValueKind.True, JsonValueKind.False],
                    "object" => [JsonValueKind.Object],
                    _ => new[] { JsonValueKind.Array },
                };
                Assert.Contains(value.ValueKind, kinds);
            }
        }
    }

    public sealed class EveryFunctionOverSockets(CatalogueEmulatorOverSockets fixture) : EveryFunction(fixture), IClassFixture<CatalogueEmulatorOverSockets>;

    public sealed class EveryFunctionInMemory(CatalogueEmulatorInMemory fixture) : EveryFunction(fixture), IClassFixture<CatalogueEmulatorInMemory>;

    public abstract class EveryRequiredParameter(CatalogueEmulatorFixture fixture)
    {
        [Theory]
        [MemberData(nameof(ApiCatalogue.WithRequiredParameters), MemberType = typeof(ApiCatalogue))]
        public async Task LeftOut_IsInvalidParameterException_NamingIt(string function)
        {
            var entry = ApiCatalogue.Functions[function];
            foreach (var missing in entry.Required)
            {
                var values = fixture.Seed(entry);
                values.Remove(missing.Name);

                var thrown = await Assert.ThrowsAsync<InvalidParameterException>(() => fixture.Admin.CallAsync(function, Pairs(values), cancellationToken: Token));

                Assert.Equal(missing.Name, thrown.Key);
            }
        }

        [Theory]
        [MemberData(nameof(ApiCatalogue.WithNumericParameters), MemberType = typeof(ApiCatalogue))]
        public async Task OrAnyNumericOne_WithAValueNotOfItsType_IsInvalidParameterException_NamingIt(string function)
        {
            var entry = ApiCatalogue.Functions[function];
            var typed = entry.Parameters.First(p => p.IsNumeric);
            var values = fixture.Seed(entry);
            values[typed.Name] = "1.5x";

            var thrown = await Assert.ThrowsAsync<InvalidParameterException>(() => fixture.Admin.CallAsync(function, Pairs(values), cancellationToken: Token));

            Assert.Equal(typed.Name, thrown.Key);
        }
    }

    public sealed class EveryRequiredParameterOverSockets(CatalogueEmulatorOverSockets fixture) : EveryRequiredParameter(fixture), IClassFixture<CatalogueEmulatorOverSockets>;

    public sealed class EveryRequiredParameterInMemory(CatalogueEmulatorInMemory fixture) : EveryRequiredParameter(fixture), IClassFixture<CatalogueEmulatorInMemory>;

    public abstract class EveryFunctionWithRoles(CatalogueEmulatorFixture fixture)
    {
        [Theory]
        [MemberData(nameof(ApiCatalogue.WithRoles), MemberType = typeof(ApiCatalogue))]
        public async Task CalledByAUserWithEveryOtherPrivilege_IsRoleDeniedException(string function)
        {
            var entry = ApiCatalogue.Functions[function];
            // The hand-written recording/groups/update also lets administrators in, who may create the groups.
            var alsoAllowed = function == "recording/groups/update" ? ["administrator"] : Array.Empty<string>();
            fixture.Restrict(ApiCatalogue.AllRoles.Except(entry.Roles).Except(alsoAllowed));

            await Assert.ThrowsAsync<RoleDeniedException>(() => fixture.Restricted.CallAsync(function, Pairs(fixture.Seed(entry)), cancellationToken: Token));

            // One of the roles is enough.
            fixture.Restrict([entry.Roles[^1]]);
            Assert.NotEqual("402", await CodeAsync(fixture.Restricted, function, fixture.Seed(entry)));
        }

        private static async Task<string> CodeAsync(IEnswitchClient client, string function, Dictionary<string, string> values)
        {
            try
            {
                await client.CallAsync(function, Pairs(values), cancellationToken: Token);
                return "2xx";
            }
            catch (EnswitchApiException failed)
            {
                return $"{failed.Code}";
            }
        }
    }

    public sealed class EveryFunctionWithRolesOverSockets(CatalogueEmulatorOverSockets fixture) : EveryFunctionWithRoles(fixture), IClassFixture<CatalogueEmulatorOverSockets>;

    public sealed class EveryFunctionWithRolesInMemory(CatalogueEmulatorInMemory fixture) : EveryFunctionWithRoles(fixture), IClassFixture<CatalogueEmulatorInMemory>;
}
