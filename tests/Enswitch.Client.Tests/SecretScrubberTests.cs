using Enswitch.Client.Transport;

namespace Enswitch.Client.Tests;

/// <summary>
/// Scrubbing that keeps every form of a secret out of messages and stays useful when the secret is short.
/// </summary>
public class SecretScrubberTests
{
    [Theory]
    [InlineData("p", "could not connect to pbx.example.invalid", "could not connect to pbx.example.invalid")]
    [InlineData("p", "auth_username=admin;auth_password=p;name=x", "auth_username=admin;auth_password=***;name=x")]
    [InlineData("p", "the password 'p' is wrong", "the password '***' is wrong")]
    [InlineData("p", "P", "***")]
    [InlineData("ab12", "token ab12, not xab12 or ab123", "token ***, not xab12 or ab123")]
    [InlineData("p&q", "auth_password=p%26q&x=1", "auth_password=***&x=1")]
    [InlineData("correct-horse", "echo: xxcorrect-horseyy", "echo: xx***yy")]
    [InlineData("Correct-Horse", "CORRECT-HORSE", "***")]
    [InlineData("p@ss word:1/x", "GET ...?auth_password=p@ss%20word:1/x;name=a", "GET ...?auth_password=***;name=a")]
    public void MasksASecretWithoutErasingItsLettersFromUnrelatedText(string secret, string text, string expected)
    {
        var scrubber = new SecretScrubber(secret);

        Assert.Equal(expected, scrubber.Scrub(text, SecretScrubber.MaxMessageLength));
    }

    [Theory]
    [InlineData("p", "Connection refused (pbx.example.invalid:443)", false)]
    [InlineData("p", "auth_password=p", true)]
    [InlineData("long-enough-secret", "xlong-enough-secretx", true)]
    public void SaysWhetherTextHoldsASecretByTheSameRule(string secret, string text, bool expected)
    {
        Assert.Equal(expected, new SecretScrubber(secret).ContainsSecret(text));
    }
}
