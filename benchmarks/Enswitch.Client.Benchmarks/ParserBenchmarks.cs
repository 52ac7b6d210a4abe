using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Enswitch.Client.Benchmarks.Contenders;
using Enswitch.Client.Transport;

namespace Enswitch.Client.Benchmarks;

/// <summary>
/// Reading the created id from the success body: the SDK's envelope parser (every entry kept, codes as
/// string or number, <c>data</c> left unparsed until asked) against the usual System.Text.Json ways.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private readonly byte[] _body = Scenario.SuccessBody;

    [Benchmark(Baseline = true, Description = "JsonSerializer (source-generated)")]
    public long Serializer() => JsonSerializer.Deserialize(_body, BenchmarkJsonContext.Default.CreateEnvelope)!.IdOrThrow();

    [Benchmark(Description = "JsonDocument")]
    public long Document()
    {
        using var document = JsonDocument.Parse(_body);
        var root = document.RootElement;
        foreach (var entry in root.GetProperty("responses").EnumerateArray())
        {
            if (!entry.GetProperty("code").ValueEquals("200"))
            {
                throw new InvalidOperationException("Not a success.");
            }
        }

        return root.GetProperty("data").GetProperty("id").GetInt64();
    }

    [Benchmark(Description = "Enswitch.Client EnvelopeParser")]
    public long Sdk()
    {
        var envelope = EnvelopeParser.Parse(_body);
        if (envelope.FirstFailure() is not null)
        {
            throw new InvalidOperationException("Not a success.");
        }

        return DataReader.ReadCreatedId(envelope);
    }
}
