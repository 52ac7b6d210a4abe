using System.Reflection;
using System.Runtime.InteropServices;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The User-Agent header over real sockets (issue 5 item 6): what the server sees on every request, logins
/// included, with and without <see cref="EnswitchClientOptions.ApplicationId"/>, and a bad id stopping the
/// host before anything is sent.
/// </summary>
public class UserAgentTests
{
    // The package version without the "+commit" build metadata, which the header leaves out.
    private static readonly string Sdk =
        $"Enswitch.Client/{typeof(EnswitchClientOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0]} ({RuntimeInformation.FrameworkDescription}; ";

    [Theory]
    [InlineData(null, EnswitchRequestMethod.Post, EnswitchAuthenticationMode.Password)]
    [InlineData(null, EnswitchRequestMethod.Get, EnswitchAuthenticationMode.Token)]
    [InlineData("MyApp/1.2", EnswitchRequestMethod.Post, EnswitchAuthenticationMode.Token)]
    [InlineData("billing-sync", EnswitchRequestMethod.Get, EnswitchAuthenticationMode.Password)]
    public async Task ReachesTheServerOnEveryRequest_WithTheApplicationIdFirstWhenSet(string? applicationId, EnswitchRequestMethod method, EnswitchAuthenticationMode authentication)
    {
        await using var h = await SdkHarness.StartAsync(o =>
        {
            o.ApplicationId = applicationId;
            o.RequestMethod = method;
            o.Authentication = authentication;
        });

        await h.Groups.CreateAsync(new CreateRecordGroupRequest("ua"), cancellationToken: SdkHarness.Token);

        Assert.Equal(authentication == EnswitchAuthenticationMode.Token ? 2 : 1, h.Emulator.Journal.Count);
        var expectedStart = applicationId is null ? Sdk : applicationId + " " + Sdk;
        Assert.All(h.Emulator.Journal, r =>
        {
            Assert.NotNull(r.UserAgent);
            Assert.StartsWith(expectedStart, r.UserAgent, StringComparison.Ordinal);
            Assert.EndsWith(")", r.UserAgent, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("My App/1.2")]
    [InlineData("MyApp/1.2\r\nX-Injected: yes")]
    [InlineData("")]
    public async Task ThatIsNotAProductToken_FailsOptionsValidationAtStart_AndNothingIsSent(string applicationId)
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: SdkHarness.Token);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddEnswitchClient(o =>
        {
            o.BaseAddress = emulator.BaseAddress;
            o.Username = EnswitchEmulator.DefaultUsername;
            o.Password = EnswitchEmulator.DefaultPassword;
            o.ApplicationId = applicationId;
            SdkHarness.Defaults(o);
        });
        using var host = builder.Build();

        var atStart = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(SdkHarness.Token));

        Assert.StartsWith("EnswitchClientOptions.ApplicationId", Assert.Single(atStart.Failures), StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IRecordGroupsClient>());
        Assert.Empty(emulator.Journal);
    }
}
