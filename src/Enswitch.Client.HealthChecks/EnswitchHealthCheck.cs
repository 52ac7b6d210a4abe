using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Enswitch.Client.HealthChecks;

/// <summary>
/// Checks one registered Enswitch client by making the cheapest authenticated call the API offers, within a
/// timeout, and reports how long it took.
/// </summary>
/// <remarks>
/// The call is <c>user/login</c> without parameters. The choice is an inference from the guide, not a documented
/// recommendation: it needs authentication, takes no parameter, answers one small object (the caller's person:
/// id, username, ...), exists on every Enswitch version the SDK supports (3.13 and later), needs only the
/// <c>user</c> role privilege, and its only work besides the authentication every call does is returning the person
/// that authentication found. Reads that take no parameter either answer a whole table (<c>roles/list</c>) or are
/// newer (<c>preferences/list</c>, 4.0), and every other read needs an id. Without <c>token=1</c> it issues no token;
/// the API keeps no session, so nothing is left behind. In token mode it is sent with the client's token, as the
/// application's own calls are, so the check also proves the token is accepted (that Enswitch takes a token on
/// <c>user/login</c> too is inferred from the guide's rule that calls may send <c>auth_token</c> instead of the password).
/// </remarks>
internal sealed class EnswitchHealthCheck : IHealthCheck
{
    /// <summary>The function the check calls.</summary>
    public const string Function = "user/login";

    /// <summary>The key of the call's latency, in milliseconds, in <see cref="HealthCheckResult.Data"/>.</summary>
    public const string LatencyKey = "latency_ms";

    private readonly IEnswitchClientFactory _clients;
    private readonly IOptionsMonitor<EnswitchClientOptions> _options;
    private readonly TimeProvider _time;
    private readonly string _clientName;
    private readonly EnswitchRequestOptions _call;

    /// <param name="clients">The registered clients.</param>
    /// <param name="options">The clients' options, for the server and user the descriptions name.</param>
    /// <param name="time">The clock the latency is measured on (the SDK's).</param>
    /// <param name="clientName">The client's registered name; empty for the unnamed client.</param>
    /// <param name="call">The call's settings: one attempt, and the check's timeout as its total timeout.</param>
    public EnswitchHealthCheck(IEnswitchClientFactory clients, IOptionsMonitor<EnswitchClientOptions> options, TimeProvider time, string clientName, EnswitchRequestOptions call)
    {
        _clients = clients;
        _options = options;
        _time = time;
        _clientName = clientName;
        _call = call;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        // Throws for a name no client is registered under; the health check service reports its message.
        var client = _clients.CreateClient(_clientName);
        var options = _options.Get(_clientName);
        var server = Server(options);
        var failureStatus = context.Registration.FailureStatus;
        var started = _time.GetTimestamp();
        try
        {
            // The SDK ends the call at the check's timeout, the login a token needs included, and reports it as a
            // transport failure like any other; a cancellation is the health check service's (its own timeout or
            // shutdown), which it reports itself.
            await client.User.LoginAsync(null, _call, cancellationToken).ConfigureAwait(false);
            var latency = Latency(started);
            return HealthCheckResult.Healthy(
                Invariant($"{server} accepted the credentials of user '{options.Username}' and answered {Function} in {latency:0} ms."),
                Data(latency));
        }
        catch (AuthenticationException refused)
        {
            return new HealthCheckResult(
                failureStatus,
                $"{server} refused the credentials of user '{options.Username}' (code 401): check the client's Username and Password.",
                refused,
                Data(Latency(started)));
        }
        catch (EnswitchApiException denied) when (denied is RoleDeniedException or RatePlanDeniedException)
        {
            // The server is up and took the credentials (402 and 403 come after authentication), so the application's
            // calls that the user's role and rate plan permit still work: Degraded, not the failure status, unless
            // that is the milder of the two.
            var what = denied is RoleDeniedException ? "role" : "rate plan";
            return new HealthCheckResult(
                (HealthStatus)Math.Max((int)HealthStatus.Degraded, (int)failureStatus),
                Invariant($"{server} accepted the credentials of user '{options.Username}', but the user's {what} does not permit {Function} (code {denied.Code}); calls the {what} permits may still work."),
                denied,
                Data(Latency(started)));
        }
        catch (EnswitchException failed)
        {
            // No connection, no answer within the timeout, an answer that is not Enswitch's, an open circuit, another
            // API error. The SDK's messages hold no password, token, body or query string.
            return new HealthCheckResult(
                failureStatus,
                $"{server}: {Function} failed with {failed.GetType().Name}: {failed.Message}",
                failed,
                Data(Latency(started)));
        }
    }

    private double Latency(long started) => _time.GetElapsedTime(started).TotalMilliseconds;

    private static Dictionary<string, object> Data(double latency) => new(1) { [LatencyKey] = latency };

    // Scheme, host and port only: a base address never carries user information (validation refuses it), and the
    // path says nothing about health.
    private string Server(EnswitchClientOptions options)
    {
        var address = options.BaseAddress is { IsAbsoluteUri: true } uri ? $"{uri.Scheme}://{uri.Authority}" : "(no base address)";
        return _clientName.Length == 0 ? $"The Enswitch server at {address}" : $"The Enswitch server of client '{_clientName}' at {address}";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
