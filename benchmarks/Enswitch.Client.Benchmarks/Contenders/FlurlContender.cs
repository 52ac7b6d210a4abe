using System.Text.Json;
using Flurl.Http;
using Flurl.Http.Configuration;

namespace Enswitch.Client.Benchmarks.Contenders;

/// <summary>Flurl.Http: one client over an <see cref="HttpClient"/>, a url-encoded post, source-generated System.Text.Json.</summary>
internal sealed class FlurlContender : IContender
{
    private readonly FlurlClient _client;
    private readonly Dictionary<string, string> _form;

    public FlurlContender(HttpMessageHandler handler, Credentials credentials)
    {
        _client = new FlurlClient(new HttpClient(handler) { BaseAddress = credentials.BaseAddress });
        _client.Settings.JsonSerializer = new DefaultJsonSerializer(new JsonSerializerOptions { TypeInfoResolver = BenchmarkJsonContext.Default });
        _form = Scenario.Form(credentials);
    }

    public string Name => "Flurl.Http";

    public async Task<long> CreateAsync(CancellationToken cancellationToken = default)
    {
        var envelope = await _client.Request(Scenario.Path)
            .PostUrlEncodedAsync(_form, cancellationToken: cancellationToken)
            .ReceiveJson<CreateEnvelope>()
            .ConfigureAwait(false);
        return envelope.IdOrThrow();
    }

    public void Dispose() => _client.Dispose();
}
