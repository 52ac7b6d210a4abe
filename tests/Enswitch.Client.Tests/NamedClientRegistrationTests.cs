using Enswitch.Client.Recording;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Enswitch.Client.Tests;

/// <summary>
/// Several Enswitch servers in one application: named clients, each with its own options and HttpClient,
/// and the mistakes that used to make two registrations talk to one server.
/// </summary>
public class NamedClientRegistrationTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    private static void Server(EnswitchClientOptions o, int port, string user)
    {
        o.BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        o.Username = user;
        o.Password = user + "-password";
    }

    [Fact]
    public void ASecondUnnamedRegistration_FailsAtRegistration_SayingHowToNameThem()
    {
        var services = new ServiceCollection();
        services.AddEnswitchClient(o => Server(o, 8080, "a"));

        var error = Assert.Throws<InvalidOperationException>(() => services.AddEnswitchClient(o => Server(o, 8081, "b")));

        Assert.Contains("twice without a name", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddEnswitchClient(\"pbx-a\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("IEnswitchClientFactory.CreateClient", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondUnnamedRegistrationFromConfiguration_FailsToo()
    {
        var services = new ServiceCollection();
        services.AddEnswitchClient(Configuration(("Enswitch:Username", "a")).GetSection("Enswitch"));

        Assert.Throws<InvalidOperationException>(() => services.AddEnswitchClient(o => Server(o, 8081, "b")));
    }

    [Fact]
    public void TheSameNameTwice_FailsAtRegistration()
    {
        var services = new ServiceCollection();
        services.AddEnswitchClient("pbx-a", o => Server(o, 8080, "a"));

        var error = Assert.Throws<InvalidOperationException>(() => services.AddEnswitchClient("pbx-a", o => Server(o, 8081, "b")));

        Assert.Contains("'pbx-a'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void ABlankName_IsRefused(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddEnswitchClient(name, o => Server(o, 8080, "a")));
    }

    [Fact]
    public async Task EachNamedClient_CallsItsOwnServer_WithItsOwnCredentials_ByKeyAndByFactory()
    {
        using var mock = new MockHttpMessageHandler();
        var a = mock.Expect(HttpMethod.Post, "http://127.0.0.1:8080/api/json/recording/groups/create/")
            .WithFormData([new("auth_username", "a"), new("auth_password", "a-password"), new("name", "on a")])
            .Respond("application/json", Envelope.Created123);
        var b = mock.Expect(HttpMethod.Post, "http://127.0.0.1:8081/api/json/recording/groups/create/")
            .WithFormData([new("auth_username", "b"), new("auth_password", "b-password"), new("name", "on b")])
            .Respond("application/json", Envelope.Created123);
        var unnamed = mock.Expect(HttpMethod.Post, "http://127.0.0.1:8082/api/json/recording/groups/create/")
            .WithFormData([new("auth_username", "u"), new("auth_password", "u-password"), new("name", "unnamed")])
            .Respond("application/json", Envelope.Created123);
        var services = new ServiceCollection();
        services.AddEnswitchClient("pbx-a", o => Server(o, 8080, "a")).ConfigurePrimaryHttpMessageHandler(() => mock);
        services.AddEnswitchClient("pbx-b", Configuration(("Pbx:B:BaseAddress", "http://127.0.0.1:8081/"), ("Pbx:B:Username", "b"), ("Pbx:B:Password", "b-password")).GetSection("Pbx:B"))
            .ConfigurePrimaryHttpMessageHandler(() => mock);
        services.AddEnswitchClient(o => Server(o, 8082, "u")).ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        await provider.GetRequiredKeyedService<IRecordGroupsClient>("pbx-a").CreateAsync(new CreateRecordGroupRequest("on a"), cancellationToken: ClientHarness.Token);
        await provider.GetRequiredService<IEnswitchClientFactory>().CreateClient("pbx-b").RecordGroups.CreateAsync(new CreateRecordGroupRequest("on b"), cancellationToken: ClientHarness.Token);
        await provider.GetRequiredService<IRecordGroupsClient>().CreateAsync(new CreateRecordGroupRequest("unnamed"), cancellationToken: ClientHarness.Token);

        mock.VerifyNoOutstandingExpectation();
        Assert.Equal(1, mock.GetMatchCount(a));
        Assert.Equal(1, mock.GetMatchCount(b));
        Assert.Equal(1, mock.GetMatchCount(unnamed));
        Assert.NotNull(provider.GetRequiredKeyedService<IEnswitchClient>("pbx-b"));
        Assert.NotNull(provider.GetRequiredKeyedService<IRecordingsClient>("pbx-a"));
        Assert.NotNull(provider.GetRequiredService<IEnswitchClientFactory>().CreateClient(string.Empty));
    }

    [Fact]
    public void NamedClientsOnly_RegisterNoUnnamedClient()
    {
        var services = new ServiceCollection();
        services.AddEnswitchClient("pbx-a", o => Server(o, 8080, "a"));
        using var provider = services.BuildServiceProvider();

        Assert.Null(provider.GetService<IEnswitchClient>());
        Assert.Null(provider.GetService<IRecordGroupsClient>());
    }

    [Fact]
    public void TheFactory_RefusesAnUnknownName_ListingTheKnownOnes()
    {
        var services = new ServiceCollection();
        services.AddEnswitchClient("pbx-a", o => Server(o, 8080, "a"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IEnswitchClientFactory>().CreateClient("pbx-c"));

        Assert.Contains("'pbx-c'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'pbx-a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EachNamedClient_IsValidatedUnderTheConfigurationPathItWasBoundFrom()
    {
        var services = new ServiceCollection();
        services.AddEnswitchClient("pbx-a", Configuration(("Servers:A:BaseAddress", "http://127.0.0.1:8080/"), ("Servers:A:Username", "a")).GetSection("Servers:A"));
        services.AddEnswitchClient("pbx-b", o => Server(o, 8081, "b"));
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<EnswitchClientOptions>>();

        var error = Assert.Throws<OptionsValidationException>(() => monitor.Get("pbx-a"));

        Assert.Equal("Servers:A:Password is required.", Assert.Single(error.Failures));
        Assert.Equal("b", monitor.Get("pbx-b").Username);
    }

    [Fact]
    public void OptionsSetInCode_AreValidatedUnderTheOptionsTypeAndTheClientName()
    {
        var services = new ServiceCollection();
        services.AddEnswitchClient("pbx-a", o => o.BaseAddress = new Uri("http://127.0.0.1:8080/"));
        services.AddEnswitchClient(o => o.BaseAddress = new Uri("http://127.0.0.1:8080/"));
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<EnswitchClientOptions>>();

        var named = Assert.Throws<OptionsValidationException>(() => monitor.Get("pbx-a"));
        var unnamed = Assert.Throws<OptionsValidationException>(() => monitor.Get(Options.DefaultName));

        Assert.Contains("EnswitchClientOptions (client 'pbx-a').Username is required.", named.Failures);
        Assert.Contains("EnswitchClientOptions.Username is required.", unnamed.Failures);
    }

    [Fact]
    public void OptionsBoundFromTheConfigurationRoot_AreNamedByTheirKeysAlone()
    {
        var services = new ServiceCollection();
        services.AddEnswitchClient(Configuration(("BaseAddress", "http://127.0.0.1:8080/"), ("Username", "u")));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EnswitchClientOptions>>().Value);

        Assert.Equal("Password is required.", Assert.Single(error.Failures));
    }
}
