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
        // The SDK logs each call itself; the factory's per-request loggers are off unless the app adds them back.
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task LeavesTheFactorysPerRequestLoggersToTheApp(bool addDefaultLogger)
        {
            using var harness = ClientHarness.WithDependencyInjection(http: builder =>
            {
                if (addDefaultLogger)
                {
                    builder.AddDefaultLogger();
                }
            });

            await harness.CreateAsync();

            var categories = harness.Logs.GetSnapshot().Select(r => r.Category).ToHashSet();
            Assert.Contains("Enswitch.Client", categories);
            Assert.Equal(addDefaultLogger, categories.Any(c => c?.StartsWith("System.Net.Http.HttpClient.", StringComparison.Ordinal) == true));
        }

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

            var result = await provider.GetRequiredService<IRecordGroupsClient>().CreateAsync(new CreateRecordGroupRequest("example"), cancellationToken: ClientHarness.Token);

            Assert.Equal(123, result.Id);
            Assert.Equal(1, mock.GetMatchCount(expected));
        }

        // The options are bound by the configuration binding source generator (AOT-safe), not the reflection
        // binder: every option must still bind, with the value forms the reflection binder accepted.
        [Fact]
        public void BindsEveryOptionFromConfiguration()
        {
            var values = new Dictionary<string, string?>
            {
                ["BaseAddress"] = "https://pbx.example.com/",
                ["Username"] = "config-user",
                ["Password"] = "config-password",
                ["ApplicationId"] = "MyApp/1.2",
                ["RequestMethod"] = "get",
                ["Authentication"] = "Token",
                ["TokenRefreshMargin"] = "00:01:05",
                ["ServerVersion"] = "4.2",
                ["AllowInsecureHttp"] = "true",
                ["MaxRetries"] = "7",
                ["AttemptTimeout"] = "00:00:11",
                ["TotalTimeout"] = "00:03:00",
                ["RetryDelay"] = "00:00:00.250",
                ["MaxResponseBytes"] = "5000000",
                ["MaxDownloadBytes"] = "6000000000",
                ["CircuitBreakerEnabled"] = "false",
                ["CircuitBreakerMinimumThroughput"] = "12",
                ["CircuitBreakerSamplingDuration"] = "00:00:40",
                ["CircuitBreakerBreakDuration"] = "00:00:20",
            };
            var settable = typeof(EnswitchClientOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name);
            Assert.Equal(settable.Order(StringComparer.Ordinal), values.Keys.Order(StringComparer.Ordinal));

            var options = Bind(values);

            Assert.Equal(new Uri("https://pbx.example.com/"), options.BaseAddress);
            Assert.Equal("config-user", options.Username);
            Assert.Equal("config-password", options.Password);
            Assert.Equal("MyApp/1.2", options.ApplicationId);
            Assert.Equal(EnswitchRequestMethod.Get, options.RequestMethod);
            Assert.Equal(EnswitchAuthenticationMode.Token, options.Authentication);
            Assert.Equal(TimeSpan.FromSeconds(65), options.TokenRefreshMargin);
            Assert.Equal(new Version(4, 2), options.ServerVersion);
            Assert.True(options.AllowInsecureHttp);
            Assert.Equal(7, options.MaxRetries);
            Assert.Equal(TimeSpan.FromSeconds(11), options.AttemptTimeout);
            Assert.Equal(TimeSpan.FromMinutes(3), options.TotalTimeout);
            Assert.Equal(TimeSpan.FromMilliseconds(250), options.RetryDelay);
            Assert.Equal(5_000_000, options.MaxResponseBytes);
            Assert.Equal(6_000_000_000, options.MaxDownloadBytes);
            Assert.False(options.CircuitBreakerEnabled);
            Assert.Equal(12, options.CircuitBreakerMinimumThroughput);
            Assert.Equal(TimeSpan.FromSeconds(40), options.CircuitBreakerSamplingDuration);
            Assert.Equal(TimeSpan.FromSeconds(20), options.CircuitBreakerBreakDuration);
        }

        [Fact]
        public void KeepsTheDefaultsOfOptionsTheConfigurationLeavesOut()
        {
            var options = Bind(new Dictionary<string, string?>
            {
                ["BaseAddress"] = "https://pbx.example.com/",
                ["Username"] = "config-user",
                ["Password"] = "config-password",
            });

            Assert.Equal("config-user", options.Username);
            Assert.Equal(EnswitchRequestMethod.Post, options.RequestMethod);
            Assert.Equal(EnswitchClientOptions.DefaultMaxRetries, options.MaxRetries);
            Assert.Equal(TimeSpan.FromSeconds(30), options.AttemptTimeout);
            Assert.True(options.CircuitBreakerEnabled);
        }

        // The sample turns this message into "the configuration value of <key> has the wrong type". The
        // binder generator of the netstandard2.0 and net8.0 builds (8.0) leaves the value out; the net10.0 one quotes it.
        [Fact]
        public void NamesTheKeyOfAValueOfTheWrongType()
        {
            var error = Assert.Throws<InvalidOperationException>(() => Bind(new Dictionary<string, string?> { ["MaxRetries"] = "many" }));

            Assert.Matches("^Failed to convert configuration value (?:.* )?at 'Enswitch:MaxRetries' to type", error.Message);
        }

        private static EnswitchClientOptions Bind(Dictionary<string, string?> values)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(values.Select(v => KeyValuePair.Create("Enswitch:" + v.Key, v.Value)))
                .Build();
            var services = new ServiceCollection();
            services.AddEnswitchClient(configuration.GetSection("Enswitch"));
            using var provider = services.BuildServiceProvider();
            return provider.GetRequiredService<IOptions<EnswitchClientOptions>>().Value;
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
        [InlineData("a chain ending with a SocketsHttpHandler")]
        public void PutsItsGuardDirectlyAboveAPrimaryHandlerThatDoesNotFollowRedirects(string primary)
        {
            var services = new ServiceCollection();
            var builder = services.AddEnswitchClient(o => TestOptions.Apply(o, null)).AddHttpMessageHandler(() => new SendTwiceHandler());
            switch (primary)
            {
                case "HttpClientHandler": builder.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = true }); break;
                case "SocketsHttpHandler": builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = true }); break;

                // A retrying handler inside the configured primary handler: below the guard it would send a create twice.
                case "a chain ending with a SocketsHttpHandler":
                    builder.ConfigurePrimaryHttpMessageHandler(() => new SendCopyTwiceHandler { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = true } });
                    break;
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
            if (primary.StartsWith("a chain", StringComparison.Ordinal))
            {
                // The application's own handler stays, above the guard.
                Assert.IsType<SendCopyTwiceHandler>(chain[^3]);
            }
        }

        private static IHost BuildHost(MockHttpMessageHandler mock, Action<EnswitchClientOptions> configure) =>
            new HostBuilder()
                .ConfigureServices(services => services
                    .AddEnswitchClient(o => TestOptions.Apply(o, configure))
                    .ConfigurePrimaryHttpMessageHandler(() => mock))
                .Build();
    }
}
