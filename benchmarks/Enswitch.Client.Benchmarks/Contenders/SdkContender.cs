using Enswitch.Client.Recording;
using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.Benchmarks.Contenders;

/// <summary>
/// This SDK as an application wires it: dependency injection, logging registered with no provider, the
/// default options (retries, circuit breaker, timeouts on), the full handler chain of the HTTP client
/// factory; only the primary handler is the benchmark's transport.
/// </summary>
internal sealed class SdkContender : IContender
{
    private readonly ServiceProvider _services;
    private readonly IRecordGroupsClient _client;
    private readonly CreateRecordGroupRequest _request = new(Scenario.Name)
    {
        CustomerId = Scenario.Customer,
        ExpiryDays = Scenario.ExpiryDays,
        SavePercentage = Scenario.SavePercentage,
        BeepIntervalSeconds = Scenario.BeepSeconds,
        Transcribe = Scenario.Transcribe,
    };

    /// <param name="handler">The transport.</param>
    /// <param name="credentials">Where and as whom to call.</param>
    /// <param name="retryAndBreaker">
    /// False for the variant with <c>MaxRetries = 0</c> and the circuit breaker off, which shows what those two
    /// Polly strategies cost (the two timeouts cannot be switched off).
    /// </param>
    public SdkContender(HttpMessageHandler handler, Credentials credentials, bool retryAndBreaker = true)
    {
        Name = retryAndBreaker ? "Enswitch.Client" : "Enswitch.Client (no retry, no breaker)";
        _services = SdkServices.Build(handler, credentials, retryAndBreaker ? null : o =>
        {
            o.MaxRetries = 0;
            o.CircuitBreakerEnabled = false;
        });
        _client = _services.GetRequiredService<IRecordGroupsClient>();
    }

    public string Name { get; }

    public async Task<long> CreateAsync(CancellationToken cancellationToken = default) =>
        (await _client.CreateAsync(_request, cancellationToken: cancellationToken).ConfigureAwait(false)).Id;

    public void Dispose() => _services.Dispose();
}
