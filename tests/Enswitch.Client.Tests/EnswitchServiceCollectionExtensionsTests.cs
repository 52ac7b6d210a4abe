using System.Net;
using Enswitch.Client.Recording;
using Enswitch.Client.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Enswitch.Client.Tests;

public class EnswitchServiceCollectionExtensionsTests
{
    public class TheAddEnswitchClientMethod
    {
        [Fact]
        public async Task BindsTheOptionsFromConfiguration()
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Enswitch:BaseAddress"] = "http://127.0.0.1:8080/",
                ["Enswitch:Username"] = "config-user",
                ["Enswitch:Password"] = "config-password",
                ["Enswitch:RequestMethod"] = "Get",
            }).Build();
            using var mock = new MockHttpMessageHandler();
            var expected = mock.Expect(HttpMethod.Get, "http://127.0.0.1:8080/api/json/recording/groups/create/")
                .WithExactQueryString("auth_username=config-user;auth_password=config-password;name=example")
                .Respond("application/json", Envelope.Created123);
            var services = new ServiceCollection();
            services.AddEnswitchClient(configuration.GetSection("Enswitch")).ConfigurePrimaryHttpMessageHandler(() => mock);
            using var provider = services.BuildServiceProvider();

            var result = await provider.GetRequiredService<IRecordGroupsClient>().CreateAsync(new CreateRecordGroupRequest("example"), ClientHarness.Token);

            Assert.Equal(123, result.Id);
            Assert.Equal(1, mock.GetMatchCount(expected));
        }

        [Fact]
        public void ReturnsTheBuilderOfTheSdksNamedClient()
        {
            var builder = new ServiceCollection().AddEnswitchClient(o => TestOptions.Apply(o, null));

            Assert.Equal(EnswitchServiceCollectionExtensions.HttpClientName, builder.Name);
        }

        [Theory]
        [InlineData("no password")]
        [InlineData("no username")]
        [InlineData("no base address")]
        [InlineData("insecure http")]
        [InlineData("user info")]
        [InlineData("query string")]
        public async Task FailsAtHostStartWhenTheOptionsAreInvalid(string problem)
        {
            var sends = 0;
            using var mock = new MockHttpMessageHandler();
            mock.When("*").Respond(_ =>
            {
                Interlocked.Increment(ref sends);
                return new HttpResponseMessage(HttpStatusCode.OK);
            });
            using var host = BuildHost(mock, o =>
            {
                switch (problem)
                {
                    case "no password": o.Password = null; break;
                    case "no username": o.Username = null; break;
                    case "no base address": o.BaseAddress = null; break;
                    case "insecure http": o.AllowInsecureHttp = false; break;
                    case "user info": o.BaseAddress = new Uri("https://user:pw@pbx.example.com/"); break;
                    default: o.BaseAddress = new Uri("https://pbx.example.com/?x=1"); break;
                }
            });

            await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(ClientHarness.Token));

            Assert.Equal(0, Volatile.Read(ref sends));
        }

        [Fact]
        public async Task StartsTheHostWhenTheOptionsAreValid()
        {
            using var mock = new MockHttpMessageHandler();
            using var host = BuildHost(mock, _ => { });

            await host.StartAsync(ClientHarness.Token);

            Assert.NotNull(host.Services.GetRequiredService<IRecordGroupsClient>());
            await host.StopAsync(ClientHarness.Token);
        }

        [Theory]
        [InlineData("default")]
        [InlineData("HttpClientHandler")]
        [InlineData("SocketsHttpHandler")]
        public void PutsItsGuardDirectlyAboveAPrimaryHandlerThatDoesNotFollowRedirects(string primary)
        {
            var services = new ServiceCollection();
            var builder = services.AddEnswitchClient(o => TestOptions.Apply(o, null)).AddHttpMessageHandler(() => new SendTwiceHandler());
            switch (primary)
            {
                case "HttpClientHandler": builder.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = true }); break;
                case "SocketsHttpHandler": builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = true }); break;
            }

            using var provider = services.BuildServiceProvider();
            var handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(EnswitchServiceCollectionExtensions.HttpClientName);

            var chain = new List<HttpMessageHandler>();
            for (HttpMessageHandler? current = handler; current is not null; current = (current as DelegatingHandler)?.InnerHandler)
            {
                chain.Add(current);
            }

            Assert.IsType<EnswitchPrimaryHandler>(chain[^2]);
            Assert.False(chain[^1] switch
            {
                SocketsHttpHandler sockets => sockets.AllowAutoRedirect,
                HttpClientHandler client => client.AllowAutoRedirect,
                var other => throw new InvalidOperationException($"Unexpected primary handler {other.GetType()}"),
            });
            Assert.Contains(chain, h => h is SendTwiceHandler);
        }

        private static IHost BuildHost(MockHttpMessageHandler mock, Action<EnswitchClientOptions> configure) =>
            new HostBuilder()
                .ConfigureServices(services => services
                    .AddEnswitchClient(o => TestOptions.Apply(o, configure))
                    .ConfigurePrimaryHttpMessageHandler(() => mock))
                .Build();
    }
}
