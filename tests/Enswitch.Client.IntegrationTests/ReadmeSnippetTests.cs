using System.Text;
using System.Text.RegularExpressions;
using Enswitch.Client.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// Every C# snippet of the repository's README and of each package's README (src/*/README.md) compiles, as a reader
/// would paste it, against the SDK, the emulator and the packages the READMEs name (the generic host,
/// Microsoft.Extensions.Http.Resilience, OpenTelemetry, xunit). Here rather than in the unit suite because this
/// project references all of them.
/// </summary>
/// <remarks>
/// A snippet with <c>using</c> directives gets only what a new console or test project adds itself (the implicit usings
/// and xunit's); one without any (a fragment) also gets the SDK's, the emulator's and the host's namespaces. A name a
/// snippet uses without declaring it, from the list the READMEs rely on (<c>enswitch</c> is an <c>IEnswitchClient</c>,
/// <c>services</c> an <c>IServiceCollection</c>, ...), is declared for it.
/// </remarks>
public class ReadmeSnippetTests
{
    private static readonly Regex Block = new(@"^(?<indent>[ \t]*)```csharp[^\n]*\n(?<code>.*?)^\k<indent>```", RegexOptions.CultureInvariant | RegexOptions.Multiline | RegexOptions.Singleline);

    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks", "Xunit"];

    private static readonly string[] FragmentUsings =
        ["System.Text.Json", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "OpenTelemetry.Metrics", "OpenTelemetry.Trace"];

    // The names the READMEs use without declaring them, and what they stand for.
    private static readonly Dictionary<string, string> Ambient = new(StringComparer.Ordinal)
    {
        ["enswitch"] = "global::Enswitch.Client.IEnswitchClient enswitch = null!;",
        ["services"] = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection services = new global::Microsoft.Extensions.DependencyInjection.ServiceCollection();",
        ["builder"] = "global::Microsoft.Extensions.Hosting.HostApplicationBuilder builder = global::Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();",
        ["emulator"] = "global::Enswitch.Client.Testing.EnswitchEmulator emulator = null!;",
        ["cancellationToken"] = "global::System.Threading.CancellationToken cancellationToken = default;",
        ["start"] = "long start = 0;",
        ["end"] = "long end = 0;",
        ["groupId"] = "long groupId = 0;",
        ["row"] = "global::Enswitch.Client.Recording.RecordingInfo row = null!;",
    };

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path))]);

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Snippets = new(() =>
    {
        var snippets = new Dictionary<string, string>(StringComparer.Ordinal);
        var readmes = new[] { "README.md" }.Concat(Directory.GetDirectories(Path.Combine(Repository.Root, "src"))
            .Where(d => File.Exists(Path.Combine(d, "README.md")))
            .Select(d => Path.GetRelativePath(Repository.Root, Path.Combine(d, "README.md")).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));
        foreach (var readme in readmes)
        {
            var text = File.ReadAllText(Path.Combine(Repository.Root, readme));
            foreach (Match block in Block.Matches(text))
            {
                var indent = block.Groups["indent"].Value.Length;
                var code = string.Join('\n', block.Groups["code"].Value.Split('\n').Select(line => line.Length >= indent ? line[indent..] : line.TrimStart()));
                snippets[$"{readme}:{text.AsSpan(0, block.Index).Count('\n') + 1}"] = code;
            }
        }

        return snippets;
    });

    public static TheoryData<string> SnippetIds() => [.. Snippets.Value.Keys];

    [Fact]
    public void FindsTheSnippetsOfEveryReadme()
    {
        Assert.True(Snippets.Value.Count(s => s.Key.StartsWith("README.md:", StringComparison.Ordinal)) >= 8);
        Assert.True(Snippets.Value.Count(s => s.Key.StartsWith("src/Enswitch.Client/README.md:", StringComparison.Ordinal)) >= 6);
        Assert.True(Snippets.Value.Count(s => s.Key.StartsWith("src/Enswitch.Client.Testing/README.md:", StringComparison.Ordinal)) >= 3);
    }

    [Theory]
    [MemberData(nameof(SnippetIds))]
    public void Compiles(string snippet)
    {
        var (source, errors) = Compile(Snippets.Value[snippet]);

        Assert.True(errors.Count == 0, $"{snippet} does not compile:\n{string.Join('\n', errors)}\n\nCompiled as:\n{Numbered(source)}");
    }

    // The CS0104 section's alias is what makes its snippet compile: without it, AuthenticationException is ambiguous.
    [Fact]
    public void TheAuthenticationExceptionAlias_IsWhatResolvesTheClash()
    {
        const string Alias = "using AuthenticationException = Enswitch.Client.AuthenticationException;";
        var withAlias = Snippets.Value.Where(s => s.Value.Contains(Alias, StringComparison.Ordinal)).ToList();

        Assert.Contains(withAlias, s => s.Key.StartsWith("README.md:", StringComparison.Ordinal));
        Assert.Contains(withAlias, s => s.Key.StartsWith("src/Enswitch.Client/README.md:", StringComparison.Ordinal));
        Assert.All(withAlias, s =>
        {
            var (_, errors) = Compile(s.Value.Replace(Alias, string.Empty, StringComparison.Ordinal));
            Assert.Contains(errors, e => e.StartsWith("CS0104", StringComparison.Ordinal) && e.Contains("'AuthenticationException'", StringComparison.Ordinal));
        });
    }

    private static (string Source, List<string> Errors) Compile(string code)
    {
        var snippet = CSharpSyntaxTree.ParseText(code, Parse);
        var root = (CompilationUnitSyntax)snippet.GetRoot();
        var fragment = root.Usings.Count == 0;
        var declared = root.DescendantNodes().Select(n => n switch
        {
            VariableDeclaratorSyntax v => v.Identifier.Text,
            SingleVariableDesignationSyntax d => d.Identifier.Text,
            ForEachStatementSyntax f => f.Identifier.Text,
            ParameterSyntax p => p.Identifier.Text,
            _ => null,
        }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var ambient = root.DescendantNodes().OfType<IdentifierNameSyntax>().Select(i => i.Identifier.Text)
            .Where(name => Ambient.ContainsKey(name) && !declared.Contains(name)).Distinct().Select(name => Ambient[name]).ToList();

        // The names it relies on go before its first statement, after its usings.
        var statements = root.Members.OfType<GlobalStatementSyntax>().ToList();
        var insertAt = statements.Count > 0 ? statements[0].FullSpan.Start : root.Members.FirstOrDefault()?.FullSpan.Start ?? code.Length;
        var source = code[..insertAt] + string.Concat(ambient.Select(a => a + "\n")) + code[insertAt..];

        var usings = string.Concat(ImplicitUsings.Concat(fragment ? FragmentUsings.Concat(SdkNamespaces()) : []).Select(n => $"global using global::{n};\n"));
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [CSharpSyntaxTree.ParseText(source, Parse), CSharpSyntaxTree.ParseText(usings, Parse)],
            References.Value,
            new CSharpCompilationOptions(statements.Count > 0 || ambient.Count > 0 ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Id} line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
        return (source, errors);
    }

    private static CSharpParseOptions Parse => CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    // The namespaces of the SDK's and the emulator's public types, which a fragment's reader has imported.
    private static IEnumerable<string> SdkNamespaces() =>
        new[] { typeof(IEnswitchClient).Assembly, typeof(Enswitch.Client.Testing.EnswitchEmulator).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith("Enswitch.Client", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal);

    private static string Numbered(string source)
    {
        var text = new StringBuilder();
        var number = 0;
        foreach (var line in source.Split('\n'))
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{++number,4}  {line}\n");
        }

        return text.ToString();
    }
}
