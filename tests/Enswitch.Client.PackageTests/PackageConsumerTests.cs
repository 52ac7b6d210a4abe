using System.Diagnostics;
using System.Reflection;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

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
            .CreateAsync(new CreateRecordGroupRequest("Package check") { SavePercentage = 50 }, cancellationToken: Token);

        var group = Assert.Single(emulator.RecordGroups);
        Assert.Equal(created.Id, group.Id);
        Assert.Equal("Package check", group.Name);
        Assert.Equal(50, group.SavePercentage);
        Assert.Empty(Assert.Single(emulator.RequestsTo("recording/groups/create")).UnknownParameters);
        await host.StopAsync(Token);
    }

    [Fact]
    public async Task CollectsTheSdksSpanAndDurationThroughTheOpenTelemetryPackage()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddEnswitchClient(o =>
        {
            o.BaseAddress = emulator.BaseAddress;
            o.Username = EnswitchEmulator.DefaultUsername;
            o.Password = EnswitchEmulator.DefaultPassword;
        });
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddEnswitchClientInstrumentation().AddInMemoryExporter(spans))
            .WithMetrics(metering => metering.AddEnswitchClientInstrumentation().AddInMemoryExporter(metrics));
        using var host = builder.Build();
        await host.StartAsync(Token);

        await host.Services.GetRequiredService<IRecordGroupsClient>().CreateAsync(new CreateRecordGroupRequest("Traced"), cancellationToken: Token);
        Assert.True(host.Services.GetRequiredService<MeterProvider>().ForceFlush());

        var port = emulator.BaseAddress.Port;
        var span = Assert.Single(spans, s => s.Source.Name == "Enswitch.Client" && Equals(s.GetTagItem("server.port"), port));
        Assert.Equal("recording/groups/create", span.DisplayName);
        var duration = Assert.Single(metrics, m => m.MeterName == "Enswitch.Client" && m.Name == "enswitch.client.operation.duration");
        var point = Assert.Single(duration.MetricPoints, p => HasTag(p, "server.port", port));
        Assert.Equal(1, point.GetHistogramCount());
        await host.StopAsync(Token);
    }

    [Fact]
    public async Task ReportsHealthyThroughTheHealthChecksPackage()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddEnswitchClient(o =>
        {
            o.BaseAddress = emulator.BaseAddress;
            o.Username = EnswitchEmulator.DefaultUsername;
            o.Password = EnswitchEmulator.DefaultPassword;
        });
        builder.Services.AddHealthChecks().AddEnswitch();
        using var host = builder.Build();
        await host.StartAsync(Token);

        var entry = (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token)).Entries["enswitch"];

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.IsType<double>(entry.Data["latency_ms"]);
        Assert.Single(emulator.RequestsTo("user/login"));
        await host.StopAsync(Token);
    }

    private static bool HasTag(MetricPoint point, string name, object value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == name && Equals(tag.Value, value))
            {
                return true;
            }
        }

        return false;
    }

    [Theory]
    [InlineData(typeof(RecordGroupsClient))]
    [InlineData(typeof(EnswitchEmulator))]
    [InlineData(typeof(EnswitchClientMeterProviderBuilderExtensions))]
    [InlineData(typeof(EnswitchHealthChecksBuilderExtensions))]
    public void RunsTheAssemblyOfTheVersionJustPacked(Type packagedType)
    {
        var expected = typeof(PackageConsumerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "EnswitchPackageVersion").Value;
        var informational = packagedType.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        // The SDK appends "+<commit>" to the informational version.
        Assert.Equal(expected, informational.Split('+')[0]);
    }
}
