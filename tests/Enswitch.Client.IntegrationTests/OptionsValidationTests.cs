using System.Net;
using System.Net.Sockets;
using Enswitch.Client.Recording;
using Enswitch.Client.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// The start-up rows of the fault matrix (faults.md T18, T19): bad base addresses fail options validation
/// when a Generic Host starts, and nothing reaches the server. Every SDK connection is routed to the
/// emulator, whatever host the base address names, so a validation gap would show in its journal.
/// </summary>
public class OptionsValidationTests
{
    private const string SecretPassword = "hunter2-T19";

    private static CancellationToken Token => SdkHarness.Token;

    [Theory]
    [InlineData("http://pbx.example.com/")]
    [InlineData("http://10.1.2.3:8080/")]
    [InlineData("http://[2001:db8::1]/")]
    public async Task T18_HttpNonLoopbackWithoutAllowInsecureHttp_HostStartFails_NoSocketOpened(string baseAddress)
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        var connections = new Counter();
        using var host = BuildHost(emulator, connections, o => o.BaseAddress = new Uri(baseAddress));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));

        Assert.Equal(typeof(EnswitchClientOptions), error.OptionsType);
        Assert.Contains(error.Failures, f => f.Contains("http://", StringComparison.Ordinal) && f.Contains("AllowInsecureHttp", StringComparison.Ordinal));
        await AssertNothingCanBeSentAsync(host, emulator, connections);
    }

    [Fact]
    public async Task T18_HttpNonLoopbackWithAllowInsecureHttp_HostStarts_AndTheCallReachesTheServer()
    {
        // The control for the test above: the same wiring, with the opt-in, does reach the emulator.
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        var connections = new Counter();
        using var host = BuildHost(emulator, connections, o =>
        {
            o.BaseAddress = new Uri("http://pbx.example.com/");
            o.AllowInsecureHttp = true;
        });

        await host.StartAsync(Token);
        var result = await host.Services.GetRequiredService<IRecordGroupsClient>().CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token);
        await host.StopAsync(Token);

        Assert.Equal(result.Id, Assert.Single(emulator.RecordGroups).Id);
        Assert.Single(emulator.Journal);
        Assert.True(connections.Value >= 1);
    }

    [Theory]
    [InlineData("http://user:" + SecretPassword + "@127.0.0.1:{port}/", "user information")]
    [InlineData("http://user@127.0.0.1:{port}/", "user information")]
    [InlineData("https://user:" + SecretPassword + "@pbx.example.com/", "user information")]
    [InlineData("http://127.0.0.1:{port}/?auth_password=" + SecretPassword, "query string")]
    [InlineData("http://127.0.0.1:{port}/?", "query string")]
    [InlineData("https://pbx.example.com/enswitch/?x=1", "query string")]
    public async Task T19_BaseAddressWithUserInfoOrQuery_HostStartFails_NothingSent(string template, string expected)
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        var connections = new Counter();
        var baseAddress = new Uri(template.Replace("{port}", emulator.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        using var host = BuildHost(emulator, connections, o => o.BaseAddress = baseAddress);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(SecretPassword, error.Message, StringComparison.Ordinal);
        await AssertNothingCanBeSentAsync(host, emulator, connections);
    }

    [Fact]
    public async Task T19_BaseAddressWithQueryBoundFromConfiguration_IsRejectedAtStart()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        var connections = new Counter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Enswitch:BaseAddress"] = new Uri(emulator.BaseAddress, "?token=" + SecretPassword).AbsoluteUri,
            ["Enswitch:Username"] = EnswitchEmulator.DefaultUsername,
            ["Enswitch:Password"] = EnswitchEmulator.DefaultPassword,
        }).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddEnswitchClient(configuration.GetSection("Enswitch"))
            .ConfigurePrimaryHttpMessageHandler(() => RouteTo(emulator, connections));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));

        Assert.Contains(error.Failures, f => f.Contains("query string", StringComparison.Ordinal));
        Assert.DoesNotContain(SecretPassword, error.Message, StringComparison.Ordinal);
        await AssertNothingCanBeSentAsync(host, emulator, connections);
    }

    private static IHost BuildHost(EnswitchEmulator emulator, Counter connections, Action<EnswitchClientOptions> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddEnswitchClient(o =>
        {
            o.Username = EnswitchEmulator.DefaultUsername;
            o.Password = EnswitchEmulator.DefaultPassword;
            SdkHarness.Defaults(o);
            configure(o);
        }).ConfigurePrimaryHttpMessageHandler(() => RouteTo(emulator, connections));
        return builder.Build();
    }

    /// <summary>
    /// After a failed start, the options, the client and so any call all fail validation too, and the
    /// emulator (where every connection would have gone) received nothing.
    /// </summary>
    private static async Task AssertNothingCanBeSentAsync(IHost host, EnswitchEmulator emulator, Counter connections)
    {
        Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<EnswitchClientOptions>>().Value);
        await Assert.ThrowsAsync<OptionsValidationException>(() =>
            host.Services.GetRequiredService<IRecordGroupsClient>().CreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: Token));
        Assert.Empty(emulator.Journal);
        Assert.Empty(emulator.RecordGroups);
        Assert.Equal(0, connections.Value);
    }

    /// <summary>A socket handler that sends every connection to the emulator, whatever host the request names.</summary>
    private static SocketsHttpHandler RouteTo(EnswitchEmulator emulator, Counter connections) => new()
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (_, cancellationToken) =>
        {
            connections.Increment();
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, emulator.BaseAddress.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private sealed class Counter
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }
}
