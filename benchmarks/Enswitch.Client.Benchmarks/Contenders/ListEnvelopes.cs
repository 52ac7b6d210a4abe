using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enswitch.Client.Benchmarks.Contenders;

/// <summary>A list answer as a hand-written client models it.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed record ListEnvelope<TRow>(
    [property: JsonPropertyName("responses")] IReadOnlyList<ResponseEntry>? Responses,
    [property: JsonPropertyName("data")] List<TRow>? Data)
{
    /// <summary>Returns the rows after checking every entry's code, as a competent user of the API would.</summary>
    public List<TRow> RowsOrThrow()
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

        return Data ?? throw new InvalidOperationException("The answer has no rows.");
    }
}

/// <summary>
/// A <c>cdrs/list</c> row whose fields nobody documents, read the only way System.Text.Json reads unknown fields: by name,
/// into <c>[JsonExtensionData]</c>, which costs one <see cref="JsonDocument"/> per value. The SDK exposes the same
/// <see cref="JsonElement"/>s in <c>AdditionalFields</c> but reads them through one document per answer.
/// </summary>
public sealed class CdrRow
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement> Fields { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A <c>cdrs/totals/list</c> row, typed from the guide's example. Settable properties, not a positional record: System.Text.Json
/// boxes the arguments of a constructor with more than four parameters, which a performance-minded hand-writer avoids.
/// </summary>
public sealed class CdrTotalRow
{
    [JsonPropertyName("customer")]
    public long Customer { get; set; }

    [JsonPropertyName("start")]
    public long Start { get; set; }

    [JsonPropertyName("end")]
    public long End { get; set; }

    [JsonPropertyName("inbound")]
    public long Inbound { get; set; }

    [JsonPropertyName("outbound")]
    public long Outbound { get; set; }

    [JsonPropertyName("internal")]
    public long Internal { get; set; }
}

/// <summary>Source-generated serialization of the list answers.</summary>
[JsonSerializable(typeof(ListEnvelope<CdrRow>))]
[JsonSerializable(typeof(ListEnvelope<CdrTotalRow>))]
internal sealed partial class ListJsonContext : JsonSerializerContext;
