using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Enswitch.Client.Tests;

/// <summary>
/// Each package's README (src/&lt;Project&gt;/README.md) is what its package page shows, away from the repository: every
/// link must be absolute, and every link into the repository must reach a file and heading that exist. Pack rewrites
/// the links' placeholder base (EnswitchPlaceholderRepositoryUrl in Directory.Build.props) to the published repository.
/// </summary>
public class PackageReadmeTests
{
    // [text](target "title"), ![alt](target) and <https://...>; code blocks and spans are stripped first.
    private static readonly Regex Link = new(@"\]\((?<target>[^)\s]*)(?:\s+""[^""]*"")?\)|<(?<target>[a-z]+://[^>\s]+)>", RegexOptions.CultureInvariant);

    private static readonly Regex Fenced = new(@"^\s*```.*?^\s*```", RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.Multiline);

    private static readonly Regex InlineCode = new(@"`[^`\n]*`", RegexOptions.CultureInvariant);

    private static readonly Regex Heading = new(@"^#{1,6} +(?<text>.+?) *#*$", RegexOptions.CultureInvariant | RegexOptions.Multiline);

    private static readonly Lazy<string> DocsBase = new(() =>
    {
        var props = XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props"));
        var placeholder = props.Descendants("EnswitchPlaceholderRepositoryUrl").Single().Value;
        return placeholder + "/blob/main/";
    });

    public static TheoryData<string> Packages() =>
        [.. Directory.GetDirectories(Path.Combine(Repository.Root, "src"))
            .Where(d => Directory.GetFiles(d, "*.csproj").Length == 1)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Packages))]
    public void EveryPackageHasAReadmeOfItsOwn(string project)
    {
        Assert.True(File.Exists(ReadmePath(project)), $"src/{project} has no README.md; pack refuses a package without one");
    }

    // Packing on Unix writes the README through MSBuild's WriteLinesToFile, which turns a backslash into a slash.
    [Theory]
    [MemberData(nameof(Packages))]
    public void HoldsNoBackslash_WhichPackingWouldChange(string project)
    {
        var lines = File.ReadAllLines(ReadmePath(project));

        Assert.All(lines.Select((line, index) => (line, index)), l => Assert.False(l.line.Contains('\\', StringComparison.Ordinal), $"src/{project}/README.md line {l.index + 1} holds a backslash"));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void LinksOnlyToAbsoluteHttpsAddresses(string project)
    {
        var targets = Targets(project);

        Assert.All(targets, t => Assert.True(t.StartsWith("https://", StringComparison.Ordinal), $"src/{project}/README.md links to '{t}', which a package page cannot follow"));
    }

    // A link into the repository is written on the placeholder base; it must name a file that exists and, in a
    // Markdown file, a heading that exists (GitHub's anchor of it).
    [Theory]
    [MemberData(nameof(Packages))]
    public void LinksIntoTheRepository_ReachFilesAndHeadingsThatExist(string project)
    {
        foreach (var target in Targets(project).Where(t => t.StartsWith(DocsBase.Value, StringComparison.Ordinal)))
        {
            var relative = target[DocsBase.Value.Length..];
            var hash = relative.IndexOf('#', StringComparison.Ordinal);
            var file = Path.Combine(Repository.Root, hash < 0 ? relative : relative[..hash]);
            Assert.True(File.Exists(file), $"src/{project}/README.md links to {target}: the repository has no {relative}");
            if (hash >= 0)
            {
                Assert.Contains(relative[(hash + 1)..], Anchors(File.ReadAllText(file)));
            }
        }
    }

    [Fact]
    public void TheClientReadme_PutsInstallFirst_ThenTheQuickStartsTheApiErrorsAndTesting()
    {
        var readme = File.ReadAllText(ReadmePath("Enswitch.Client"));
        var sections = Regex.Matches(readme, "^## (.+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value.Trim()).ToList();

        Assert.Equal("Install", sections[0]);
        Assert.Subset(
            sections.ToHashSet(),
            new HashSet<string> { "Quick start with dependency injection", "Quick start without dependency injection", "`IEnswitchClient`", "Errors and `OutcomeUnknown`", "Testing your app" });
        Assert.True(readme.IndexOf("dotnet add package Enswitch.Client", StringComparison.Ordinal) < readme.IndexOf("```csharp", StringComparison.Ordinal), "the first code a reader meets is not the install command");
    }

    // What only a reader of the repository needs has no place on a package page.
    [Theory]
    [MemberData(nameof(Packages))]
    public void SaysNothingThatOnlyHoldsInAClone(string project)
    {
        var readme = File.ReadAllText(ReadmePath(project));

        Assert.DoesNotContain("fresh clone", readme, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("## Contributing", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet test", readme, StringComparison.Ordinal);
        Assert.DoesNotContain(".ci/", readme, StringComparison.Ordinal);
    }

    // GitHub's anchors: lower case, punctuation but '-' and '_' dropped, spaces as '-', a repeated one suffixed -1, -2, ...
    private static List<string> Anchors(string markdown)
    {
        var anchors = new List<string>();
        foreach (Match heading in Heading.Matches(Fenced.Replace(markdown, string.Empty)))
        {
            var slug = string.Concat(heading.Groups["text"].Value.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-');
            var repeated = anchors.Count(a => a == slug);
            anchors.Add(repeated == 0 ? slug : $"{slug}-{repeated}");
        }

        return anchors;
    }

    private static List<string> Targets(string project) =>
        [.. Link.Matches(InlineCode.Replace(Fenced.Replace(File.ReadAllText(ReadmePath(project)), string.Empty), string.Empty)).Select(m => m.Groups["target"].Value)];

    private static string ReadmePath(string project) => Path.Combine(Repository.Root, "src", project, "README.md");
}
