using System.Text.Json;
using RestSharp;
using RestSharp.Serializers.Json;

namespace Enswitch.Client.Benchmarks.Contenders;

/// <summary>RestSharp: one client, a request per call with form parameters, source-generated System.Text.Json.</summary>
internal sealed class RestSharpContender : IContender
{
    private readonly RestClient _client;
    private readonly Credentials _credentials;

    public RestSharpContender(HttpMessageHandler handler, Credentials credentials)
    {
        _credentials = credentials;
        var options = new RestClientOptions(credentials.BaseAddress) { ConfigureMessageHandler = _ => handler };
        var json = new JsonSerializerOptions { TypeInfoResolver = BenchmarkJsonContext.Default };
        _client = new RestClient(options, configureSerialization: s => s.UseSystemTextJson(json));
    }

    public string Name => "RestSharp";

    public async Task<long> CreateAsync(CancellationToken cancellationToken = default)
    {
        var request = new RestRequest(Scenario.Path, Method.Post)
            .AddParameter("auth_username", _credentials.Username)
            .AddParameter("auth_password", _credentials.Password);
        foreach (var (key, value) in Scenario.Parameters)
        {
            request.AddParameter(key, value);
        }

        var response = await _client.ExecuteAsync<CreateEnvelope>(request, cancellationToken).ConfigureAwait(false);
        if (response.ErrorException is { } error)
        {
            throw error;
        }

        return (response.Data ?? throw new InvalidOperationException($"HTTP {(int)response.StatusCode} without an envelope.")).IdOrThrow();
    }

    public void Dispose() => _client.Dispose();
}
