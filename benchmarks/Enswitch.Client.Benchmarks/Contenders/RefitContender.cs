using System.Text.Json;
using Refit;

namespace Enswitch.Client.Benchmarks.Contenders;

/// <summary>Refit: a declared interface, a url-encoded dictionary body, source-generated System.Text.Json.</summary>
internal sealed class RefitContender : IContender
{
    private readonly HttpClient _http;
    private readonly IRecordGroupsApi _api;
    private readonly Dictionary<string, string> _form;

    public RefitContender(HttpMessageHandler handler, Credentials credentials)
    {
        _http = new HttpClient(handler) { BaseAddress = credentials.BaseAddress };
        var settings = new RefitSettings(new SystemTextJsonContentSerializer(new JsonSerializerOptions { TypeInfoResolver = BenchmarkJsonContext.Default }));
        _api = RestService.For<IRecordGroupsApi>(_http, settings);
        _form = Scenario.Form(credentials);
    }

    public string Name => "Refit";

    public async Task<long> CreateAsync(CancellationToken cancellationToken = default) =>
        (await _api.CreateAsync(_form, cancellationToken).ConfigureAwait(false)).IdOrThrow();

    public void Dispose() => _http.Dispose();
}
