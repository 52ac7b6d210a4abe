using System.Net;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Enswitch.Client.Tests;

/// <summary>
/// The User-Agent header (issue 5 item 6): the SDK, the runtime and the OS on every request and every
/// attempt, the application's product token first when <see cref="EnswitchClientOptions.ApplicationId"/> is set.
/// </summary>
public partial class UserAgentTests
{
    [GeneratedRegex(@"^Enswitch\.Client/\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)? \(\.NET [ -'*-\[\]-~]+; [ -'*-\[\]-~]+\)$")]
    private static partial Regex SdkPart();

    /// <summary>Checks the header parses as HTTP products and one comment, the way any server or proxy reads it.</summary>
    private static void AssertWellFormed(string userAgent, int products)
    {
        using var request = new HttpRequestMessage();
        Assert.True(request.Headers.UserAgent.TryParseAdd(userAgent), $"not a valid User-Agent: {userAgent}");
        Assert.Equal(products, request.Headers.UserAgent.Count(p => p.Product is not null));
        Assert.Single(request.Headers.UserAgent, p => p.Comment is not null);
    }

    public class WithoutAnApplicationId
    {
        [Theory]
        [InlineData(false, EnswitchRequestMethod.Post)]
        [InlineData(false, EnswitchRequestMethod.Get)]
        [InlineData(true, EnswitchRequestMethod.Post)]
        [InlineData(true, EnswitchRequestMethod.Get)]
        public async Task NamesTheSdkTheRuntimeAndTheOs(bool dependencyInjection, EnswitchRequestMethod method)
        {
            using var harness = ClientHarness.Create(dependencyInjection, o => o.RequestMethod = method);

            await harness.CreateAsync();

            var userAgent = Assert.Single(harness.Received).UserAgent;
            Assert.NotNull(userAgent);
            Assert.Matches(SdkPart(), userAgent);
            Assert.Contains($"({RuntimeInformation.FrameworkDescription}; ", userAgent, StringComparison.Ordinal);
            AssertWellFormed(userAgent, products: 1);
        }
    }

    public class WithAnApplicationId
    {
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task PutsItFirst_OnEveryAttempt(bool dependencyInjection)
        {
            using var harness = ClientHarness.Create(dependencyInjection, o => o.ApplicationId = "MyApp/1.2")
                .Replies(Reply.Html(HttpStatusCode.ServiceUnavailable, "<html>busy</html>"), Reply.Json(Envelope.Validated));

            await harness.ValidateCreateAsync();

            Assert.Equal(2, harness.Received.Count);
            Assert.All(harness.Received, r =>
            {
                Assert.StartsWith("MyApp/1.2 Enswitch.Client/", r.UserAgent, StringComparison.Ordinal);
                Assert.Matches(SdkPart(), r.UserAgent!["MyApp/1.2 ".Length..]);
                AssertWellFormed(r.UserAgent, products: 2);
            });
        }
    }
}
