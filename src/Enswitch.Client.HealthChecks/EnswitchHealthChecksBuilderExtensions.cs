using Enswitch.Client;
using Enswitch.Client.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds health checks of the Enswitch clients registered with <c>AddEnswitchClient</c> to an
/// <see cref="IHealthChecksBuilder"/>.
/// </summary>
public static class EnswitchHealthChecksBuilderExtensions
{
    /// <summary>
    /// The name of the health check of the unnamed client; the check of a named client is named after it,
    /// <c>enswitch:</c> and the client's name (<c>enswitch:pbx-a</c>).
    /// </summary>
    public const string DefaultName = "enswitch";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    // The bounds of EnswitchRequestOptions.TotalTimeout, which the timeout becomes.
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaximumTimeout = TimeSpan.FromDays(1);

    /// <summary>
    /// Adds a health check that makes the cheapest authenticated Enswitch call, <c>user/login</c> without parameters,
    /// with a client registered by <c>AddEnswitchClient</c>, and reports its latency in milliseconds in the result's
    /// description and in its data under <c>latency_ms</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The outcome: the server answered, <see cref="HealthStatus.Healthy"/>. It refused the credentials
    /// (<see cref="AuthenticationException"/>), <paramref name="failureStatus"/>, with a description naming the user
    /// (never the password). The user's role or rate plan does not permit <c>user/login</c> (codes 402 and 403),
    /// <see cref="HealthStatus.Degraded"/> (or <paramref name="failureStatus"/> if that is milder): the server is up and
    /// took the credentials, so the calls the role permits may still work. Any other failure (no connection, no answer
    /// within <paramref name="timeout"/>, an answer that is not Enswitch's), <paramref name="failureStatus"/>, with the
    /// exception's type and message, which the SDK keeps free of the password, tokens, bodies and query strings.
    /// </para>
    /// <para>
    /// The check runs on the client's own pipeline (its circuit breaker, token and connections), so a check while the
    /// circuit is open reports the open circuit without calling the server.
    /// </para>
    /// </remarks>
    /// <param name="builder">The health checks builder, from <c>services.AddHealthChecks()</c>.</param>
    /// <param name="clientName">
    /// The name given to <c>AddEnswitchClient(name, ...)</c>, or <see langword="null"/> (the default) for the client
    /// registered without a name.
    /// </param>
    /// <param name="name">
    /// The health check's name, or <see langword="null"/> for <see cref="DefaultName"/> (<c>enswitch</c>), or
    /// <c>enswitch:</c> and <paramref name="clientName"/> for a named client.
    /// </param>
    /// <param name="failureStatus">
    /// The status reported when the check fails, or <see langword="null"/> for <see cref="HealthStatus.Unhealthy"/>.
    /// </param>
    /// <param name="tags">Tags to filter checks by, for example <c>ready</c>, or <see langword="null"/> for none.</param>
    /// <param name="timeout">
    /// How long the check's call may take, the login a token needs included, before it reports
    /// <paramref name="failureStatus"/>: between 10 milliseconds and one day, or <see langword="null"/> for 5 seconds.
    /// It is the call's total timeout (<see cref="EnswitchRequestOptions.TotalTimeout"/>), and the call makes one attempt
    /// (<see cref="EnswitchRequestOptions.MaxRetries"/> 0). <see cref="Timeout.InfiniteTimeSpan"/> leaves the client's
    /// own total timeout.
    /// </param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is shorter than 10 milliseconds or longer than one day, and not infinite.</exception>
    public static IHealthChecksBuilder AddEnswitch(
        this IHealthChecksBuilder builder,
        string? clientName = null,
        string? name = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var wait = timeout ?? DefaultTimeout;
        if (wait != Timeout.InfiniteTimeSpan && (wait < MinimumTimeout || wait > MaximumTimeout))
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), wait, "The health check's timeout must be between 10 milliseconds and one day, or Timeout.InfiniteTimeSpan.");
        }

        // One attempt: a check reports the server as it is now (a probe asks again anyway), and a retry would hide a
        // failing server and stretch the check. The timeout is the call's total timeout, so the SDK ends the call.
        var call = new EnswitchRequestOptions { MaxRetries = 0, TotalTimeout = wait == Timeout.InfiniteTimeSpan ? null : wait };
        var client = clientName ?? string.Empty;
        return builder.Add(new HealthCheckRegistration(
            name ?? (client.Length == 0 ? DefaultName : $"{DefaultName}:{client}"),
            services => new EnswitchHealthCheck(
                services.GetRequiredService<IEnswitchClientFactory>(),
                services.GetRequiredService<IOptionsMonitor<EnswitchClientOptions>>(),
                services.GetService<TimeProvider>() ?? TimeProvider.System,
                client,
                call),
            failureStatus,
            tags));
    }
}
