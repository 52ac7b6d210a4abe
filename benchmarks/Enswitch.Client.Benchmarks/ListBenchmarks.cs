using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Enswitch.Client.Benchmarks.Contenders;
using Enswitch.Client.Cdrs;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.Benchmarks;

/// <summary>
/// The SDK's generated list methods answering 100 rows, read into the SDK's row types, against the floor: hand-written
/// <see cref="HttpClient"/> code that reads the same rows with System.Text.Json source generation. The in-memory
/// answer completes asynchronously, as a socket's does. Each category has its own baseline (the results are grouped by
/// category), and both sides build their request once, in setup, as the create benchmarks do.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ListBenchmarks : IDisposable
{
    private HttpClient _cdrsFloor = null!;
    private HttpClient _totalsFloor = null!;
    private Dictionary<string, string> _cdrsForm = null!;
    private Dictionary<string, string> _totalsForm = null!;
    private ServiceProvider _cdrsServices = null!;
    private ServiceProvider _totalsServices = null!;
    private ICdrsClient _cdrs = null!;
    private ICdrsTotalsClient _totals = null!;
    private readonly ListCdrsRequest _cdrsRequest = new() { Start = ListScenario.Start, End = ListScenario.End, Limit = ListScenario.Rows };
    private readonly ListCdrTotalsRequest _totalsRequest = new() { Start = ListScenario.Start, End = ListScenario.End };

    [GlobalSetup]
    public void Setup()
    {
        var credentials = Credentials.InMemory;
        _cdrsFloor = new HttpClient(new FixedResponseHandler(ListScenario.CdrsBody, yields: true)) { BaseAddress = credentials.BaseAddress };
        _totalsFloor = new HttpClient(new FixedResponseHandler(ListScenario.TotalsBody, yields: true)) { BaseAddress = credentials.BaseAddress };
        _cdrsForm = Scenario.Form(credentials, ListScenario.CdrsParameters);
        _totalsForm = Scenario.Form(credentials, ListScenario.TotalsParameters);
        _cdrsServices = Sdk(ListScenario.CdrsBody, credentials);
        _totalsServices = Sdk(ListScenario.TotalsBody, credentials);
        _cdrs = _cdrsServices.GetRequiredService<ICdrsClient>();
        _totals = _totalsServices.GetRequiredService<ICdrsClient>().Totals;

        // Every contender must read every row and every value, the same, or it cannot look fast.
        var cdrs = SdkCdrs().GetAwaiter().GetResult();
        var floorCdrs = FloorCdrs().GetAwaiter().GetResult();
        Expect(ListScenario.Rows, cdrs.Count, "SDK cdrs/list rows");
        Expect(ListScenario.Rows, floorCdrs.Count, "floor cdrs/list rows");
        for (var i = 0; i < ListScenario.Rows; i++)
        {
            Expect(floorCdrs[i].Fields.Count, cdrs[i].AdditionalFields.Count, $"cdrs/list row {i} field count");
            foreach (var (name, value) in floorCdrs[i].Fields)
            {
                Expect(value.GetRawText(), cdrs[i].AdditionalFields[name].GetRawText(), $"cdrs/list row {i} field {name}");
            }
        }

        var totals = SdkTotals().GetAwaiter().GetResult();
        var floorTotals = FloorTotals().GetAwaiter().GetResult();
        Expect(ListScenario.Rows, totals.Count, "SDK cdrs/totals/list rows");
        Expect(ListScenario.Rows, floorTotals.Count, "floor cdrs/totals/list rows");
        for (var i = 0; i < ListScenario.Rows; i++)
        {
            var (sdk, floor) = (totals[i], floorTotals[i]);
            Expect<long?>(floor.Customer, sdk.Customer, $"row {i} customer");
            Expect<long?>(floor.Start, sdk.Start, $"row {i} start");
            Expect<long?>(floor.End, sdk.End, $"row {i} end");
            Expect<long?>(floor.Inbound, sdk.Inbound, $"row {i} inbound");
            Expect<long?>(floor.Outbound, sdk.Outbound, $"row {i} outbound");
            Expect<long?>(floor.Internal, sdk.Internal, $"row {i} internal");
            Expect(0, sdk.AdditionalFields.Count, $"row {i} additional fields");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _cdrsFloor.Dispose();
        _totalsFloor.Dispose();
        _cdrsServices.Dispose();
        _totalsServices.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "cdrs/list, HttpClient (floor)")]
    [BenchmarkCategory("cdrs/list")]
    public Task<List<CdrRow>> FloorCdrs() =>
        FloorListAsync(_cdrsFloor, ListScenario.CdrsPath, _cdrsForm, ListJsonContext.Default.ListEnvelopeCdrRow);

    [Benchmark(Description = "cdrs/list, Enswitch.Client")]
    [BenchmarkCategory("cdrs/list")]
    public Task<IReadOnlyList<Cdr>> SdkCdrs() =>
        _cdrs.ListAsync(_cdrsRequest);

    [Benchmark(Baseline = true, Description = "cdrs/totals/list, HttpClient (floor)")]
    [BenchmarkCategory("cdrs/totals/list")]
    public Task<List<CdrTotalRow>> FloorTotals() =>
        FloorListAsync(_totalsFloor, ListScenario.TotalsPath, _totalsForm, ListJsonContext.Default.ListEnvelopeCdrTotalRow);

    [Benchmark(Description = "cdrs/totals/list, Enswitch.Client")]
    [BenchmarkCategory("cdrs/totals/list")]
    public Task<IReadOnlyList<CdrTotal>> SdkTotals() =>
        _totals.ListAsync(_totalsRequest);

    private static ServiceProvider Sdk(byte[] body, Credentials credentials) =>
        SdkServices.Build(new FixedResponseHandler(body, yields: true), credentials);

    // The floor: a form POST, the envelope read from the stream with source-generated JSON, every code checked.
    private static async Task<List<TRow>> FloorListAsync<TRow>(HttpClient http, string path, Dictionary<string, string> form, JsonTypeInfo<ListEnvelope<TRow>> type)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(path, content).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var envelope = await response.Content.ReadFromJsonAsync(type).ConfigureAwait(false);
        return envelope?.RowsOrThrow() ?? throw new InvalidOperationException("The answer is empty.");
    }

    private static void Expect<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new InvalidOperationException($"{what}: read {actual}, expected {expected}.");
        }
    }
}
