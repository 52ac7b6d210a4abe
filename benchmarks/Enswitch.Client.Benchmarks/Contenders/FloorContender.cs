using System.Net.Http.Json;

namespace Enswitch.Client.Benchmarks.Contenders;

/// <summary>
/// The floor: the least a competent developer writes by hand with <see cref="HttpClient"/>: a form POST,
/// the envelope read with source-generated JSON, the codes checked, the id returned. No retries, no
/// typed errors, no redaction.
/// </summary>
internal sealed class FloorContender(HttpMessageHandler handler, Credentials credentials) : IContender
{
    private readonly HttpClient _http = new(handler) { BaseAddress = credentials.BaseAddress };
    private readonly Dictionary<string, string> _form = Scenario.Form(credentials);

    public string Name => "HttpClient (floor)";

    public async Task<long> CreateAsync(CancellationToken cancellationToken = default)
    {
        using var content = new FormUrlEncodedContent(_form);
        using var response = await _http.PostAsync(Scenario.Path, content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var envelope = await response.Content.ReadFromJsonAsync(BenchmarkJsonContext.Default.CreateEnvelope, cancellationToken).ConfigureAwait(false);
        return envelope?.IdOrThrow() ?? throw new InvalidOperationException("The answer is empty.");
    }

    public void Dispose() => _http.Dispose();
}
