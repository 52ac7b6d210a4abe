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

/// <summary>A <c>cdrs/list</c> row whose fields nobody documents: kept as the SDK keeps them, by name.</summary>
public sealed class CdrRow
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement> Fields { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A <c>cdrs/totals/list</c> row, typed from the guide's example.</summary>
public sealed record CdrTotalRow(
    [property: JsonPropertyName("customer")] long Customer,
    [property: JsonPropertyName("start")] long Start,
    [property: JsonPropertyName("end")] long End,
    [property: JsonPropertyName("inbound")] long Inbound,
    [property: JsonPropertyName("outbound")] long Outbound,
    [property: JsonPropertyName("internal")] long Internal);

/// <summary>Source-generated serialization of the list answers.</summary>
[JsonSerializable(typeof(ListEnvelope<CdrRow>))]
[JsonSerializable(typeof(ListEnvelope<CdrTotalRow>))]
internal sealed partial class ListJsonContext : JsonSerializerContext;
