using Enswitch.Client.Generator;

// Regenerates the checked-in C# from the function catalogue, or with --check verifies that nothing would change.
var check = args.Contains("--check", StringComparer.Ordinal);
var root = RepositoryRoot.Find();
Catalogue catalogue;
try
{
    catalogue = Catalogue.Load(root);
}
catch (InvalidDataException invalid)
{
    Console.Error.WriteLine(invalid.Message);
    return 1;
}

var problems = CatalogueRules.Check(catalogue);
if (problems.Count > 0)
{
    Console.Error.WriteLine($"The catalogue breaks {problems.Count} rule(s):");
    foreach (var problem in problems)
    {
        Console.Error.WriteLine("  " + problem);
    }

    return 1;
}

var outputs = new List<(string RelativePath, string Text)> { DescriptorWriter.Write(catalogue), FunctionTableWriter.Write(catalogue), EmulatorCatalogueWriter.Write(catalogue, root), CliCatalogueWriter.Write(catalogue) };
outputs.AddRange(SurfaceWriter.Write(catalogue));

// The README's generated section (between its markers) is the only part of the README the generator writes.
try
{
    outputs.Add(FunctionTableWriter.WriteReadme(catalogue, root));
}
catch (InvalidDataException invalid)
{
    Console.Error.WriteLine(invalid.Message);
    return 1;
}

var stale = 0;

// A generated file the catalogue no longer produces (a renamed or removed function) is stale too.
var produced = outputs.Select(o => Path.GetFullPath(Path.Combine(root, o.RelativePath))).ToHashSet(StringComparer.Ordinal);
foreach (var folder in new[] { SurfaceWriter.Folder })
{
    var full = Path.Combine(root, folder);
    foreach (var file in Directory.Exists(full) ? Directory.GetFiles(full, "*", SearchOption.AllDirectories) : [])
    {
        if (produced.Contains(Path.GetFullPath(file)) || Path.GetFileName(file) == "FunctionCatalogue.g.cs")
        {
            continue;
        }

        var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
        if (check)
        {
            Console.Error.WriteLine($"{relative} is no longer generated from the catalogue; run: dotnet run --project tools/Enswitch.Client.Generator");
            stale++;
        }
        else
        {
            File.Delete(file);
            Console.WriteLine($"deleted {relative}");
        }
    }
}

foreach (var (relativePath, text) in outputs)
{
    var path = Path.Combine(root, relativePath);
    var current = File.Exists(path) ? File.ReadAllText(path) : null;
    if (current == text)
    {
        continue;
    }

    if (check)
    {
        Console.Error.WriteLine($"{relativePath} differs from what the catalogue generates; run: dotnet run --project tools/Enswitch.Client.Generator");
        stale++;
    }
    else
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}

Console.WriteLine($"catalogue: {catalogue.Functions.Count} functions in {catalogue.Categories} categories; {(check ? stale == 0 ? "generated code is current" : $"{stale} file(s) stale" : "generated code written")}");
return stale == 0 ? 0 : 1;
