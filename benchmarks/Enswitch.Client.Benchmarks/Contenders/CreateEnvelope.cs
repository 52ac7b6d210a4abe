using System.Text.Json.Serialization;

namespace Enswitch.Client.Benchmarks.Contenders;

/// <summary>The envelope as a hand-written client models it: just what a create answer needs.</summary>
internal sealed record CreateEnvelope(
    [property: JsonPropertyName("responses")] IReadOnlyList<ResponseEntry>? Responses,
    [property: JsonPropertyName("data")] CreatedData? Data)
{
    /// <summary>Reads the id after checking every entry's code, as a competent user of the API would.</summary>
    public long IdOrThrow()
    {
        if (Responses is not { Count: > 0 } responses)
        {
            throw new InvalidOperationException("The answer has no responses.");
        }

        foreach (var entry in responses)
        {
            if (entry.Code != "200")
            {
                throw new InvalidOperationException($"Enswitch answered {entry.Code} {entry.Key}: {entry.Message}");
            }
        }

        return Data?.Id ?? throw new InvalidOperationException("The answer has no id.");
    }
}

/// <summary>One entry of <c>responses</c>.</summary>
public sealed record ResponseEntry(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>The <c>data</c> of a create.</summary>
internal sealed record CreatedData([property: JsonPropertyName("id")] long Id);

/// <summary>Source-generated serialization, what a performance-minded user hands every library.</summary>
[JsonSerializable(typeof(CreateEnvelope))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
