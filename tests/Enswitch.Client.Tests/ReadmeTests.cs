using System.Reflection;
using Enswitch.Client.Transport;
using Microsoft.Extensions.Logging;

namespace Enswitch.Client.Tests;

/// <summary>
/// The README is the reference users read for log event ids and options; these tests keep it complete
/// when an event or an option is added.
/// </summary>
public class ReadmeTests
{
    private static readonly Lazy<string> Readme = new(() => File.ReadAllText(Path.Combine(Repository.Root, "README.md")));

    private static string Section(string heading)
    {
        var start = Readme.Value.IndexOf("\n## " + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no section '{heading}'");
        var end = Readme.Value.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? Readme.Value[start..] : Readme.Value[start..end];
    }

    [Fact]
    public void ListsEveryLogEvent_WithItsIdLevelAndMessage()
    {
        var events = typeof(Log).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .ToList();
        var section = Section("Logging");

        Assert.NotEmpty(events);
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.All(events, e => Assert.Contains($"| {e.EventId} | {e.Level} | `{e.Message}`", section, StringComparison.Ordinal));
    }

    [Fact]
    public void ListsEveryOption()
    {
        var section = Section("Options");

        Assert.All(
            typeof(EnswitchClientOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance),
            p => Assert.Contains($"| `{p.Name}` |", section, StringComparison.Ordinal));
    }
}
