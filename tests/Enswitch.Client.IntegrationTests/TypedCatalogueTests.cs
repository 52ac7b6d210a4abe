using System.Collections;
using Enswitch.Client.Calls;
using Enswitch.Client.Customers;
using Enswitch.Client.Faxes;
using Enswitch.Client.Messages;
using Enswitch.Client.Numbers;
using Enswitch.Client.Testing;
using Enswitch.Client.Tests;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The generated typed methods against the emulator, over real sockets and in memory, driven by the catalogue: every function's
/// typed call succeeds and reads its shape, and the calls that move money or reach people are never repeated.
/// </summary>
public static class TypedCatalogueTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public abstract class EveryGeneratedFunction(CatalogueEmulatorFixture fixture)
    {
        public static TheoryData<string> Generated() => [.. TypedSurface.Generated];

        [Theory]
        [MemberData(nameof(Generated))]
        public async Task ThroughItsTypedMethod_SucceedsAndReadsTheCataloguesShape(string function)
        {
            var entry = TypedSurface.Catalogue[function];
            var values = fixture.Seed(ApiCatalogue.Functions[function]);
            var request = TypedSurface.RequestOf(entry, values);
            foreach (var (name, value) in values)
            {
                var property = TypedSurface.PropertyFor(entry, request.GetType(), name);
                if (property is { CanWrite: true })
                {
                    property.SetValue(request, TypedSurface.FromText(property.PropertyType, value));
                }
            }

            var result = await TypedSurface.InvokeAsync(TypedSurface.ClientOf(fixture.Admin, entry), TypedSurface.MethodOf(entry), request, Token);

            var sent = fixture.Emulator.RequestsTo(function)[^1];
            Assert.Empty(sent.UnknownParameters);
            Assert.Equal(values.OrderBy(v => v.Key, StringComparer.Ordinal), sent.Parameters.Where(p => !p.Key.StartsWith("auth_", StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal));
            switch (entry.Text("shape"))
            {
                case "none":
                    Assert.Equal(typeof(Task), TypedSurface.MethodOf(entry).ReturnType);
                    break;
                case "id":
                    Assert.True((long)result!.GetType().GetProperty("Id")!.GetValue(result)! > 0);
                    break;
                case "count":
                    Assert.True((long)result!.GetType().GetProperty("Count")!.GetValue(result)! >= 0);
                    break;
                case "object":
                    AssertTypedFields(entry, result!);
                    break;
                default:
                    foreach (var row in Assert.IsAssignableFrom<IEnumerable>(result))
                    {
                        if (row is not string)
                        {
                            AssertTypedFields(entry, row);
                        }
                    }

                    break;
            }
        }

        // The emulator answers every example field with its JSON type, so every typed field is read.
        private static void AssertTypedFields(System.Text.Json.JsonElement entry, object row)
        {
            foreach (var field in entry.GetProperty("fields").EnumerateArray())
            {
                var csharp = field.Text("csharp");
                var property = row.GetType().GetProperty(csharp) ?? row.GetType().GetProperty(csharp + "Value");
                Assert.NotNull(property);
                Assert.True(property.GetValue(row) is not null, $"{entry.Text("name")}: field '{field.Text("name")}' was not read");
            }
        }
    }

    public sealed class EveryGeneratedFunctionOverSockets(CatalogueEmulatorOverSockets fixture) : EveryGeneratedFunction(fixture), IClassFixture<CatalogueEmulatorOverSockets>;

    public sealed class EveryGeneratedFunctionInMemory(CatalogueEmulatorInMemory fixture) : EveryGeneratedFunction(fixture), IClassFixture<CatalogueEmulatorInMemory>;

    // Placing a call, adding money, buying a number, sending a text or a fax: when the connection drops after the
    // server applied the call, the SDK sends it exactly once and says the outcome is unknown.
    public abstract class NonIdempotentCalls(EmulatorForm form) : OnBothEmulatorForms(form)
    {
        public static TheoryData<string> MoneyCallsAndMessages() =>
            ["calls/make", "customers/balance/add", "numbers/purchase", "messages/text/send", "faxes/send"];

        [Theory]
        [MemberData(nameof(MoneyCallsAndMessages))]
        public async Task DroppedAfterTheServerAppliedThem_EndWithOutcomeUnknown_AfterExactlyOneRequest(string function)
        {
            await using var emulator = await StartEmulatorAsync();
            using var client = SdkHarness.CreateClient(emulator, new EnswitchClientOptions
            {
                BaseAddress = emulator.BaseAddress,
                Username = EnswitchEmulator.DefaultUsername,
                Password = EnswitchEmulator.DefaultPassword,
                AllowInsecureHttp = true,
                RetryDelay = TimeSpan.FromMilliseconds(1),
            });
            emulator.InjectFault(function, EmulatorFault.CloseAfterRequest.AfterApplying(), count: 5);

            Task call = function switch
            {
                "calls/make" => client.Calls.MakeAsync(new MakeCallRequest("201", "2125551234"), cancellationToken: Token),
                "customers/balance/add" => client.Customers.Balance.AddAsync(new AddCustomerBalanceRequest(emulator.Options.DefaultCustomerId, 10m), cancellationToken: Token),
                "numbers/purchase" => client.Numbers.PurchaseAsync(new PurchaseNumberRequest("2125551234"), cancellationToken: Token),
                "messages/text/send" => client.Messages.Text.SendAsync(new SendTextMessageRequest("2125551234", "hello", "2125550000"), cancellationToken: Token),
                _ => client.Faxes.SendAsync(new SendFaxRequest("2125551234", new byte[] { 37, 80, 68, 70 }), cancellationToken: Token),
            };

            var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => call);
            Assert.True(error.OutcomeUnknown);
            Assert.Single(emulator.RequestsTo(function));
        }
    }

    public sealed class NonIdempotentCallsOverSockets() : NonIdempotentCalls(EmulatorForm.Socket);

    public sealed class NonIdempotentCallsInMemory() : NonIdempotentCalls(EmulatorForm.InMemory);
}
