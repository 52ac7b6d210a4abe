namespace Enswitch.Client.Tests;

/// <summary>
/// What an application sees of the assembly beyond the documented API: nothing. The netstandard2.0 build compiles in the
/// Polyfill package's source (System.Index, nullable attributes, extension members in namespace Polyfills, ...), which
/// must stay internal, or an application would meet a second System.Index beside its framework's.
/// </summary>
public class AssemblySurfaceTests
{
    [Fact]
    public void ExportsOnlyTheSdksOwnNamespaces()
    {
        var foreign = typeof(EnswitchClientOptions).Assembly.GetExportedTypes()
            .Where(t => t.Namespace is not { } ns || !(ns == "Enswitch.Client" || ns.StartsWith("Enswitch.Client.", StringComparison.Ordinal) || ns == "Microsoft.Extensions.DependencyInjection"))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(foreign);
    }

#if ENSWITCH_NETSTANDARD
    // [Embedded] hides a type from every other compilation, even one granted InternalsVisibleTo (these tests), so the
    // polyfills never clash with the framework's own types there either.
    [Fact]
    public void MarksEveryCompiledInPolyfillTypeEmbedded()
    {
        var polyfills = typeof(EnswitchClientOptions).Assembly.GetTypes()
            .Where(t => !t.IsNested && t.Namespace is { } ns && (ns == "Polyfills" || ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal)))
            .Where(t => t.FullName != "System.Buffers.SequenceReader`1") // the SDK's own, Polyfills/SequenceReader.cs
            .Where(t => !t.Name.Contains('<', StringComparison.Ordinal)) // a generator's file-local type, such as the binder's InterceptsLocationAttribute
            .ToList();

        Assert.Contains(polyfills, t => t.FullName == "Polyfills.Polyfill");
        Assert.Contains(polyfills, t => t.FullName == "System.Index");
        Assert.All(polyfills, t =>
        {
            Assert.False(t.IsPublic, $"{t.FullName} is public");
            Assert.Contains(t.CustomAttributes, a => a.AttributeType.FullName == "Microsoft.CodeAnalysis.EmbeddedAttribute");
        });
    }
#endif
}
