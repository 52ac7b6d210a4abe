using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Enswitch.Client.Tests;

namespace Enswitch.Client.PackageTests;

/// <summary>
/// What a package page, a debugger and an IDE read from the nupkgs that .ci/package-tests packed from a clone whose
/// origin is <c>EnswitchExpectedRepositoryUrl</c>: icon, project and repository URLs with the commit, release notes
/// from CHANGELOG.md, each package's own README with absolute links, Source Link in every assembly, and the
/// configuration schema a consumer's appsettings.json gets.
/// </summary>
public class PackageMetadataTests
{
    private const string Placeholder = "https://github.com/enswitch-client/enswitch-client/blob/main";

    // The kind of custom debug information that holds Source Link's JSON in a portable PDB.
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private static readonly Regex Link = new(@"\]\((?<target>[^)\s]*)[^)]*\)", RegexOptions.CultureInvariant);

    public static TheoryData<string> Packages() => ["Enswitch.Client", "Enswitch.Client.Testing", "Enswitch.Client.OpenTelemetry", "Enswitch.Client.HealthChecks", "Enswitch.Cli"];

    private static string Version => Metadata("EnswitchPackageVersion");

    private static string RepositoryUrl => Metadata("EnswitchExpectedRepositoryUrl");

    private static string Commit => Metadata("EnswitchExpectedCommit");

    // https://github.com/example/enswitch-client.git -> https://github.com/example/enswitch-client
    private static string WebUrl => RepositoryUrl.EndsWith(".git", StringComparison.Ordinal) ? RepositoryUrl[..^4] : RepositoryUrl;

    [Theory]
    [MemberData(nameof(Packages))]
    public void TheNuspec_CarriesTheIconProjectUrlAndTheRepositoryWithItsCommit(string id)
    {
        using var package = Open(id);
        var metadata = Nuspec(package);

        Assert.Equal("icon.png", Element(metadata, "icon"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Repository.Root, "assets", "icon.png")), Bytes(package, "icon.png"));
        Assert.Equal(WebUrl, Element(metadata, "projectUrl"));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal(RepositoryUrl, (string?)repository.Attribute("url"));
        Assert.Equal(Commit, (string?)repository.Attribute("commit"));
        Assert.Matches(@"-[0-9A-Za-z]", Element(metadata, "version"));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void TheReleaseNotes_AreTheChangelogsSectionOfThisVersion_AndLinkTheWholeFile(string id)
    {
        using var package = Open(id);
        var changelog = File.ReadAllText(Path.Combine(Repository.Root, "CHANGELOG.md")).ReplaceLineEndings("\n");
        var prefix = Version.Split('-')[0];
        var heading = changelog.Contains($"\n## [{prefix}]", StringComparison.Ordinal) ? $"## [{prefix}]" : "## [Unreleased]";
        var start = changelog.IndexOf('\n', changelog.IndexOf("\n" + heading, StringComparison.Ordinal) + 1) + 1;
        var end = changelog.IndexOf("\n## ", start, StringComparison.Ordinal);
        var section = changelog[start..(end < 0 ? changelog.Length : end)].Trim();

        Assert.Equal($"{section}\n\nEvery release: {WebUrl}/blob/main/CHANGELOG.md", Element(Nuspec(package), "releaseNotes").ReplaceLineEndings("\n"));
    }

    // The package's README is the one beside its project, with every repository link on the published repository.
    [Theory]
    [MemberData(nameof(Packages))]
    public void TheReadme_IsThePackagesOwn_WithItsLinksOnTheRepository(string id)
    {
        using var package = Open(id);
        var readme = Text(package, Element(Nuspec(package), "readme"));
        var source = File.ReadAllText(Path.Combine(Repository.Root, "src", id, "README.md"));

        Assert.Equal(source.Replace(Placeholder, WebUrl + "/blob/main", StringComparison.Ordinal).TrimEnd(), readme.TrimEnd());
        Assert.DoesNotContain(Placeholder, readme, StringComparison.Ordinal);
        Assert.All(Link.Matches(readme).Select(m => m.Groups["target"].Value), t => Assert.StartsWith("https://", t, StringComparison.Ordinal));
    }

    // Every assembly maps its sources to the packed commit on the repository's host, with the build machine's paths
    // replaced by /_/, and names the repository in its metadata.
    [Theory]
    [MemberData(nameof(Packages))]
    public void EveryAssembly_CarriesSourceLinkToTheCommit_AndDeterministicPaths(string id)
    {
        using var package = Open(id);
        // A library's assemblies are under lib/; a tool's (the tool and the Enswitch assemblies it carries, beside
        // third-party ones such as System.CommandLine) under tools/.
        var assemblies = package.Entries
            .Where(e => (e.FullName.StartsWith("lib/", StringComparison.Ordinal) || (e.FullName.StartsWith("tools/", StringComparison.Ordinal) && e.Name.StartsWith("enswitch", StringComparison.OrdinalIgnoreCase)))
                && e.FullName.EndsWith(".dll", StringComparison.Ordinal))
            .ToList();
        var host = new Uri(WebUrl);

        Assert.NotEmpty(assemblies);
        Assert.All(assemblies, entry =>
        {
            using var pe = new PEReader(new MemoryStream(Bytes(package, entry.FullName)));
            var embedded = pe.ReadDebugDirectory().Single(d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
            using var pdbProvider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
            var pdb = pdbProvider.GetMetadataReader();
            var sourceLink = pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
                .Select(pdb.GetCustomDebugInformation)
                .Single(c => pdb.GetGuid(c.Kind) == SourceLinkKind);
            using var json = JsonDocument.Parse(pdb.GetBlobBytes(sourceLink.Value));

            var mapping = Assert.Single(json.RootElement.GetProperty("documents").EnumerateObject());
            Assert.Equal("/_/*", mapping.Name);
            Assert.Equal($"https://raw.githubusercontent.com{host.AbsolutePath}/{Commit}/*", mapping.Value.GetString());

            // /_/ for the repository, /_1/, ... for package content compiled in (the netstandard2.0 polyfills).
            Assert.All(pdb.Documents.Select(h => pdb.GetString(pdb.GetDocument(h).Name)), path => Assert.Matches("^/_[0-9]*/", path));

            var reader = pe.GetMetadataReader();
            Assert.Contains(reader.CustomAttributes.Select(reader.GetCustomAttribute), a => IsRepositoryUrl(reader, a));
        });
    }

    // The consumer (this project) got Enswitch.Client's JsonSchemaSegment: the package's ConfigurationSchema.json,
    // for appsettings.json and appsettings.<Environment>.json.
    [Fact]
    public void AConsumer_GetsTheConfigurationSchemaForItsAppSettings()
    {
        const string Pattern = @"appsettings\..*json";
        var segment = Assert.Single(typeof(PackageMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>(), a => a.Key == "JsonSchemaSegment").Value!.Split('|');

        Assert.Equal(
            File.ReadAllText(Path.Combine(Repository.Root, "src", "Enswitch.Client", "ConfigurationSchema.json")),
            File.ReadAllText(segment[0]));

        // MSBuild on Linux and macOS turns the backslash of metadata into a slash; Visual Studio, on Windows, reads it as
        // written in the package's targets file.
        Assert.Equal(Pattern, segment[1].Replace('/', '\\'));
        using var package = Open("Enswitch.Client");
        var targets = XDocument.Parse(Text(package, "buildTransitive/Enswitch.Client.targets"));
        Assert.Equal(Pattern, (string?)targets.Descendants().Single(e => e.Name.LocalName == "JsonSchemaSegment").Attribute("FilePathPattern"));
        Assert.Matches(Pattern, "appsettings.json");
        Assert.Matches(Pattern, "appsettings.Development.json");
        Assert.DoesNotMatch(Pattern, "launchSettings.json");
    }

    // [assembly: AssemblyMetadata("RepositoryUrl", "<url>")]: a constructor referenced from the framework, not one of the
    // attributes compiled into the assembly.
    private static bool IsRepositoryUrl(MetadataReader reader, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference
            || reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent is not { Kind: HandleKind.TypeReference } parent
            || reader.GetString(reader.GetTypeReference((TypeReferenceHandle)parent).Name) != nameof(AssemblyMetadataAttribute))
        {
            return false;
        }

        var blob = reader.GetBlobReader(attribute.Value);
        blob.ReadUInt16();
        return blob.ReadSerializedString() == "RepositoryUrl" && blob.ReadSerializedString() == RepositoryUrl;
    }

    private static ZipArchive Open(string id) =>
        ZipFile.OpenRead(Path.Combine(Metadata("EnswitchPackageFeed"), $"{id}.{Version}.nupkg"));

    private static XElement Nuspec(ZipArchive package) =>
        XDocument.Parse(Text(package, package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).FullName))
            .Root!.Elements().Single(e => e.Name.LocalName == "metadata");

    private static string Element(XElement metadata, string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

    private static byte[] Bytes(ZipArchive package, string path)
    {
        using var stream = package.GetEntry(path)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Text(ZipArchive package, string path) => System.Text.Encoding.UTF8.GetString(Bytes(package, path)).TrimStart('\uFEFF');

    private static string Metadata(string key) =>
        typeof(PackageMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
