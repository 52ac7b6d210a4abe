using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// A reseller's application with two Enswitch servers, one named client each, over real sockets: every call
/// lands on its own server with its own credentials, and one server's trouble leaves the other alone.
/// </summary>
public class NamedClientTests
{
    private const string Create = "recording/groups/create";

    private static CancellationToken Token => SdkHarness.Token;

    [Fact]
    public async Task TwoNamedClients_EachCallLandsOnItsOwnServer_WithItsOwnCredentials()
    {
        await using var a = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await using var b = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        b.AddUser("reseller-b", "password-b", EnswitchRoles.All);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddEnswitchClient("pbx-a", o => Configure(o, a.BaseAddress, EnswitchEmulator.DefaultUsername, EnswitchEmulator.DefaultPassword));
        builder.Services.AddEnswitchClient("pbx-b", o => Configure(o, b.BaseAddress, "reseller-b", "password-b"));
        using var host = builder.Build();
        await host.StartAsync(Token);

        var onA = await host.Services.GetRequiredKeyedService<IRecordGroupsClient>("pbx-a").CreateAsync(new CreateRecordGroupRequest("on a"), cancellationToken: Token);
        var onB = await host.Services.GetRequiredService<IEnswitchClientFactory>().CreateClient("pbx-b").RecordGroups.CreateAsync(new CreateRecordGroupRequest("on b"), cancellationToken: Token);
        await host.Services.GetRequiredKeyedService<IEnswitchClient>("pbx-b").RecordGroups.CreateAsync(new CreateRecordGroupRequest("on b again"), cancellationToken: Token);

        Assert.Equal(onA.Id, Assert.Single(a.RecordGroups, g => g.Name == "on a").Id);
        Assert.Equal(["on b", "on b again"], b.RecordGroups.Select(g => g.Name));
        Assert.Equal(onB.Id, b.RecordGroups[0].Id);
        Assert.All(a.Journal, r => Assert.Equal(EnswitchEmulator.DefaultUsername, r["auth_username"]));
        Assert.All(b.Journal, r => Assert.Equal("reseller-b", r["auth_username"]));
        Assert.All(b.Journal, r => Assert.Equal(EmulatorCredential.Password, r.AuthenticatedWith));
    }

    [Fact]
    public async Task OneServersOpenCircuitAndTokens_LeaveTheOtherAlone()
    {
        await using var a = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await using var b = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        var services = new ServiceCollection();
        services.AddEnswitchClient("pbx-a", o =>
        {
            Configure(o, a.BaseAddress, EnswitchEmulator.DefaultUsername, EnswitchEmulator.DefaultPassword);
            o.MaxRetries = 0;
            o.CircuitBreakerEnabled = true;
            o.CircuitBreakerMinimumThroughput = 2;
        });
        services.AddEnswitchClient("pbx-b", o =>
        {
            Configure(o, b.BaseAddress, EnswitchEmulator.DefaultUsername, EnswitchEmulator.DefaultPassword);
            o.Authentication = EnswitchAuthenticationMode.Token;
            o.CircuitBreakerEnabled = true;
            o.CircuitBreakerMinimumThroughput = 2;
        });
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IEnswitchClientFactory>();
        await a.StopAcceptingAsync(Token);

        for (var i = 0; i < 2; i++)
        {
            Assert.False((await Assert.ThrowsAsync<EnswitchTransportException>(() => factory.CreateClient("pbx-a").RecordGroups.ValidateCreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token))).RequestSent);
        }

        var open = await Assert.ThrowsAsync<EnswitchTransportException>(() => factory.CreateClient("pbx-a").RecordGroups.ValidateCreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));
        Assert.Contains("circuit breaker is open", open.Message, StringComparison.Ordinal);

        // B has a breaker and a token of its own: it logs in once and serves every call.
        for (var i = 0; i < 3; i++)
        {
            await factory.CreateClient("pbx-b").RecordGroups.CreateAsync(new CreateRecordGroupRequest($"b{i}"), cancellationToken: Token);
        }

        Assert.Equal(3, b.RecordGroups.Count);
        Assert.Single(b.RequestsTo("user/login"));
        Assert.Empty(a.Journal);
    }

    private static void Configure(EnswitchClientOptions o, Uri baseAddress, string username, string password)
    {
        o.BaseAddress = baseAddress;
        o.Username = username;
        o.Password = password;
        SdkHarness.Defaults(o);
    }
}
