using System.Net;
using System.Text;
using Enswitch.Client.Recording;
using Enswitch.Client.Transport;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Enswitch.Client.Tests;

/// <summary>
/// Token mode charges the wait for a login to the call's TotalTimeout; a login that uses up the whole budget
/// must leave the call no time at all, never an unbounded one (Polly takes a timeout of zero as none).
/// </summary>
public class TokenBudgetTests
{
    [Fact]
    public async Task ALoginThatEndsPastTheDeadline_LeavesTheCallNotSent_InsteadOfWithoutATotalTimeout()
    {
        var time = new JumpingClock();
        var sends = 0;
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(request =>
        {
            Interlocked.Increment(ref sends);
            Assert.Contains("user/login", request.RequestUri!.AbsolutePath, StringComparison.Ordinal);

            // The login answers, and by the time its caller reads the clock the whole TotalTimeout has gone.
            time.Jump(TimeSpan.FromSeconds(10) + TimeSpan.FromTicks(1));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(Envelope.WithData("""{"auth_token":"tok-abcdefghij","auth_token_expiry":3600}"""), Encoding.UTF8, "application/json"),
            });
        });
        var options = TestOptions.Create(o =>
        {
            o.Authentication = EnswitchAuthenticationMode.Token;
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.TotalTimeout = TimeSpan.FromSeconds(10);
            o.MaxRetries = 5;
        });
        var client = new RecordGroupsClient(new EnswitchTransport(mock.ToHttpClient(), new EnswitchPipeline(options, null, time), deferQuery: false));

        var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => client.ValidateCreateAsync(new CreateRecordGroupRequest("x"), cancellationToken: ClientHarness.Token).WaitAsync(TimeSpan.FromMinutes(1), ClientHarness.Token));

        Assert.False(error.RequestSent);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(0, error.Attempts);
        Assert.Contains("login (user/login)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Volatile.Read(ref sends));
    }

    /// <summary>A fake clock whose timestamps can leap ahead without firing timers, as a stalled thread pool makes the real one seem to.</summary>
    private sealed class JumpingClock : FakeTimeProvider
    {
        private long _extra;

        public void Jump(TimeSpan by) => Interlocked.Add(ref _extra, by.Ticks * TimestampFrequency / TimeSpan.TicksPerSecond);

        public override long GetTimestamp() => base.GetTimestamp() + Interlocked.Read(ref _extra);
    }
}
