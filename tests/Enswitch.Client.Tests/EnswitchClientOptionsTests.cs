using Enswitch.Client.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Enswitch.Client.Tests;

public class EnswitchClientOptionsTests
{
    private static ValidateOptionsResult Validate(Action<EnswitchClientOptions> configure) =>
        new EnswitchOptionsValidator([new Enswitch.Client.DependencyInjection.EnswitchClientRegistration(Options.DefaultName, "Enswitch.Client", "Enswitch")]).Validate(Options.DefaultName, TestOptions.Create(configure));

    private static void AssertFails(Action<EnswitchClientOptions> configure, string option)
    {
        var result = Validate(configure);

        Assert.True(result.Failed, "The options should have been rejected.");
        Assert.Contains("Enswitch:" + option, result.FailureMessage, StringComparison.Ordinal);
    }

    private static void AssertPasses(Action<EnswitchClientOptions> configure)
    {
        var result = Validate(configure);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    public class TheValidator
    {
        [Fact]
        public void AcceptsTheTestDefaults()
        {
            AssertPasses(_ => { });
        }

        [Fact]
        public void RejectsAMissingBaseAddress()
        {
            AssertFails(o => o.BaseAddress = null, "BaseAddress");
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        public void RejectsAMissingUsername(string? username)
        {
            AssertFails(o => o.Username = username, "Username");
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        public void RejectsAMissingPassword(string? password)
        {
            AssertFails(o => o.Password = password, "Password");
        }

        [Theory]
        [InlineData("http://pbx.example.com/")]
        [InlineData("http://192.0.2.10/")]
        [InlineData("http://localhost.example.com/")]
        public void RejectsPlainHttpToAHostThatIsNotLoopback(string address)
        {
            AssertFails(o => { o.BaseAddress = new Uri(address); o.AllowInsecureHttp = false; }, "BaseAddress");
        }

        [Fact]
        public void AcceptsPlainHttpToAnyHostWhenAllowed()
        {
            AssertPasses(o => { o.BaseAddress = new Uri("http://pbx.example.com/"); o.AllowInsecureHttp = true; });
        }

        [Theory]
        [InlineData("http://127.0.0.1/")]
        [InlineData("http://127.0.0.1:8080/enswitch/")]
        [InlineData("http://localhost/")]
        [InlineData("http://localhost:5000/")]
        [InlineData("http://[::1]/")]
        [InlineData("https://pbx.example.com/")]
        public void AcceptsHttpsOrPlainHttpToLoopback(string address)
        {
            AssertPasses(o => { o.BaseAddress = new Uri(address); o.AllowInsecureHttp = false; });
        }

        [Theory]
        [InlineData("https://user:secret@pbx.example.com/")]
        [InlineData("https://user@pbx.example.com/")]
        [InlineData("https://pbx.example.com/?auth_username=user")]
        [InlineData("https://pbx.example.com/?")]
        [InlineData("https://pbx.example.com/#top")]
        [InlineData("ftp://pbx.example.com/")]
        public void RejectsABaseAddressWithUserInfoQueryFragmentOrOtherScheme(string address)
        {
            AssertFails(o => o.BaseAddress = new Uri(address), "BaseAddress");
        }

        [Theory]
        [InlineData(null)]
        [InlineData("MyApp")]
        [InlineData("MyApp/1.2")]
        [InlineData("my-app_2/1.0.0-beta.1+build.5")]
        [InlineData("a!#$%&'*+-.^_`|~/1")]
        public void AcceptsAnApplicationIdThatIsOneProductToken(string? applicationId)
        {
            AssertPasses(o => o.ApplicationId = applicationId);
        }

        [Theory]
        [InlineData("")]
        [InlineData(" ")]
        [InlineData("My App")]
        [InlineData("MyApp/1.2 Other/3")]
        [InlineData("MyApp/1.2/3")]
        [InlineData("MyApp/")]
        [InlineData("/1.2")]
        [InlineData("MyApp (Linux)")]
        [InlineData("Mÿ-App")]
        [InlineData("MyApp\r\nX-Injected: 1")]
        [InlineData("MyApp;v=1")]
        public void RejectsAnApplicationIdThatIsNotOneProductToken(string applicationId)
        {
            AssertFails(o => o.ApplicationId = applicationId, "ApplicationId");
        }

        [Fact]
        public void LimitsTheApplicationIdTo64Characters()
        {
            AssertPasses(o => o.ApplicationId = new string('a', 60) + "/1.2");
            AssertFails(o => o.ApplicationId = new string('a', 61) + "/1.2", "ApplicationId");
        }

        [Fact]
        public void RejectsARelativeBaseAddress()
        {
            AssertFails(o => o.BaseAddress = new Uri("/api/", UriKind.Relative), "BaseAddress");
        }

        [Fact]
        public void NeverQuotesTheUserInfoOfARejectedBaseAddress()
        {
            var password = Canary.NewPassword();

            var result = Validate(o => o.BaseAddress = new Uri($"https://user:{Uri.EscapeDataString(password)}@pbx.example.com/"));

            Assert.True(result.Failed);
            Canary.AssertAbsent(password, result.FailureMessage, "the validation message");
        }

        [Theory]
        [InlineData("MaxRetries", -1)]
        [InlineData("MaxRetries", 11)]
        [InlineData("AttemptTimeout", 0)]
        [InlineData("TotalTimeout", 1)]
        [InlineData("RetryDelay", -1)]
        [InlineData("MaxResponseBytes", 1023)]
        [InlineData("CircuitBreakerMinimumThroughput", 1)]
        public void RejectsAValueOutOfRange(string option, int value)
        {
            AssertFails(
                o =>
                {
                    switch (option)
                    {
                        case "MaxRetries": o.MaxRetries = value; break;
                        case "AttemptTimeout": o.AttemptTimeout = TimeSpan.FromMilliseconds(value); break;
                        case "TotalTimeout": o.TotalTimeout = TimeSpan.FromSeconds(value); break;
                        case "RetryDelay": o.RetryDelay = TimeSpan.FromMilliseconds(value); break;
                        case "MaxResponseBytes": o.MaxResponseBytes = value; break;
                        default: o.CircuitBreakerMinimumThroughput = value; break;
                    }
                },
                option);
        }

        [Fact]
        public void ListsEveryProblemAtOnce()
        {
            var result = Validate(o => { o.BaseAddress = null; o.Username = null; o.Password = null; });

            Assert.Equal(3, result.Failures!.Count());
        }
    }

    public class TheAllowInsecureHttpProperty
    {
        private const int InsecureHttpEventId = 5;

        [Fact]
        public async Task MakesTheClientWarnOnceThatThePasswordTravelsInClearText()
        {
            using var harness = ClientHarness.Direct(o => { o.BaseAddress = new Uri("http://pbx.example.com/"); o.AllowInsecureHttp = true; });

            await harness.CreateAsync();
            await harness.CreateAsync();

            var warning = Assert.Single(harness.Logs.GetSnapshot(), r => r.Id.Id == InsecureHttpEventId);
            Assert.Equal(LogLevel.Warning, warning.Level);
        }

        [Theory]
        [InlineData("http://127.0.0.1/")]
        [InlineData("https://pbx.example.com/")]
        public async Task IsNotNeededForLoopbackOrHttps(string address)
        {
            using var harness = ClientHarness.Direct(o => { o.BaseAddress = new Uri(address); o.AllowInsecureHttp = false; });

            await harness.CreateAsync();

            Assert.StartsWith(address, Assert.Single(harness.Received).Uri, StringComparison.Ordinal);
            Assert.NotEmpty(harness.Logs.GetSnapshot());
            Assert.DoesNotContain(harness.Logs.GetSnapshot(), r => r.Id.Id == InsecureHttpEventId);
        }
    }

    public class TheToStringMethod
    {
        [Fact]
        public void SaysWhetherThePasswordIsSetWithoutShowingIt()
        {
            var password = Canary.NewPassword();
            var options = TestOptions.Create(o => o.Password = password);

            var text = options.ToString();

            Assert.Contains("Password = (set)", text, StringComparison.Ordinal);
            Assert.Contains("Username = user", text, StringComparison.Ordinal);
            Canary.AssertAbsent(password, text, "ToString()");
        }

        [Fact]
        public void SaysWhenThePasswordIsNotSet()
        {
            Assert.Contains("Password = (not set)", TestOptions.Create(o => o.Password = null).ToString(), StringComparison.Ordinal);
        }
    }
}
