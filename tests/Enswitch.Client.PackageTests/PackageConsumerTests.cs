using System.Reflection;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Enswitch.Client.PackageTests;

public class PackageConsumerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreatesARecordGroupAgainstTheEmulator_WithOptionsBoundFromConfiguration()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Enswitch:BaseAddress"] = emulator.BaseAddress.ToString(),
            ["Enswitch:Username"] = EnswitchEmulator.DefaultUsername,
            ["Enswitch:Password"] = EnswitchEmulator.DefaultPassword,
            ["Enswitch:MaxRetries"] = "1",
        });
        // The configuration overload is the one whose binding code is generated inside the package.
        builder.Services.AddEnswitchClient(builder.Configuration.GetSection("Enswitch"));
        using var host = builder.Build();
        await host.StartAsync(Token);

        var created = await host.Services.GetRequiredService<IRecordGroupsClient>()
            .CreateAsync(new CreateRecordGroupRequest("Package check") { SavePercentage = 50 }, Token);

        var group = Assert.Single(emulator.RecordGroups);
        Assert.Equal(created.Id, group.Id);
        Assert.Equal("Package check", group.Name);
        Assert.Equal(50, group.SavePercentage);
        Assert.Empty(Assert.Single(emulator.RequestsTo("recording/groups/create")).UnknownParameters);
        await host.StopAsync(Token);
    }

    [Theory]
    [InlineData(typeof(RecordGroupsClient))]
    [InlineData(typeof(EnswitchEmulator))]
    public void RunsTheAssemblyOfTheVersionJustPacked(Type packagedType)
    {
        var expected = typeof(PackageConsumerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "EnswitchPackageVersion").Value;
        var informational = packagedType.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        // The SDK appends "+<commit>" to the informational version.
        Assert.Equal(expected, informational.Split('+')[0]);
    }
}
