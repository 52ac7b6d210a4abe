using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Enswitch.Client.Generator;

/// <summary>The catalogue read from api/*.json, each file checked against api/catalogue.schema.json first.</summary>
internal sealed class Catalogue
{
    private Catalogue(IReadOnlyList<CatalogueFunction> functions, int categories)
    {
        Functions = functions;
        Categories = categories;
    }

    public IReadOnlyList<CatalogueFunction> Functions { get; }

    public int Categories { get; }

    public static Catalogue Load(string root)
    {
        var folder = Path.Combine(root, "api");
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(folder, "catalogue.schema.json")));
        var functions = new List<CatalogueFunction>();
        var files = Directory.GetFiles(folder, "*.json").Where(f => !f.EndsWith("catalogue.schema.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var node = JsonNode.Parse(File.ReadAllText(file)) ?? throw new InvalidDataException($"{file} is empty");
            using var document = JsonDocument.Parse(node.ToJsonString());
            var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!result.IsValid)
            {
                var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
                throw new InvalidDataException($"{Path.GetFileName(file)} does not match api/catalogue.schema.json:\n  " + string.Join("\n  ", errors.Take(20)));
            }

            var category = (string)node["category"]!;
            if (category + ".json" != Path.GetFileName(file))
            {
                throw new InvalidDataException($"{Path.GetFileName(file)} holds category '{category}'");
            }

            functions.AddRange(node["functions"]!.AsArray().Select(f => CatalogueFunction.From(f!)));
        }

        return new Catalogue(functions, files.Count);
    }
}
