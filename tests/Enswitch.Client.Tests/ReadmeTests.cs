using System.Reflection;
using System.Text.RegularExpressions;
using Enswitch.Client.Transport;
using Microsoft.Extensions.Logging;

namespace Enswitch.Client.Tests;

/// <summary>
/// The README is the reference users read for log event ids, options and which typed call does what; these tests
/// keep it complete when an event or an option is added, and keep its calls real when the typed surface changes.
/// </summary>
public class ReadmeTests
{
    private const string TaskGuide = "Which call do I need?";

    private static readonly Lazy<string> Readme = new(() => File.ReadAllText(Path.Combine(Repository.Root, "README.md")));

    // enswitch.<Property>...<Method>Async and, where the README shows it, the request it is given:
    // (new ListCdrsRequest ...) or (ListRecordingsRequest.ForCustomer(...)).
    private static readonly Regex TypedCall = new(
        @"enswitch\.(?<path>(?:[A-Z]\w*\.)*)(?<method>[A-Z]\w*Async)\b(?:\((?:new (?<request>[A-Z]\w*)\b|(?<request>[A-Z]\w*)\.)?)?",
        RegexOptions.CultureInvariant);

    // An inline code span that calls the client: `enswitch.Cdrs.ListAllAsync(new ListCdrsRequest { Start = start })`.
    private static readonly Regex CodeSpan = new(@"`(?<code>[^`\n]*enswitch\.[^`\n]*)`", RegexOptions.CultureInvariant);

    // Start = start: a property a code span sets.
    private static readonly Regex Assignment = new(@"(?<![\w.])(?<name>[A-Z]\w*) = ", RegexOptions.CultureInvariant);

    // (sNumber: "2001": a constructor argument a code span names.
    private static readonly Regex NamedArgument = new(@"[(,]\s*(?<name>[a-z]\w*): ", RegexOptions.CultureInvariant);

    // `Customers.Balance.AddAsync`: a method of the generated table.
    private static readonly Regex TableMethod = new(@"`(?<path>(?:[A-Z]\w*\.)+)(?<method>[A-Z]\w*Async)`", RegexOptions.CultureInvariant);

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

    // Every call the task guide and the section on the typed surface name exists, with the request type it is
    // shown with, so that a renamed method, client or request fails here instead of leaving the README stale.
    [Theory]
    [InlineData(TaskGuide)]
    [InlineData("Every documented function by name")]
    public void NamedCalls_ExistOnIEnswitchClient_WithTheirRequestTypes(string heading)
    {
        var calls = TypedCall.Matches(Section(heading));

        Assert.NotEmpty(calls);
        Assert.All(calls, call => MethodOf(call));
    }

    // The guide's calls set only properties their requests have and name only constructor arguments they take.
    [Fact]
    public void TaskGuide_SetsOnlyPropertiesAndArgumentsItsRequestsHave()
    {
        var spans = CodeSpan.Matches(Section(TaskGuide)).Select(m => m.Groups["code"].Value).ToList();

        Assert.True(spans.Count >= 15, $"the task guide shows {spans.Count} calls");
        foreach (var span in spans)
        {
            var call = TypedCall.Match(span);
            if (!call.Groups["request"].Success)
            {
                continue;
            }

            var request = MethodOf(call).GetParameters()[0].ParameterType;
            var arguments = request.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            Assert.All(Assignment.Matches(span), a => Assert.True(request.GetProperty(a.Groups["name"].Value) is not null, $"{request.Name} has no property {a.Groups["name"].Value}: {span}"));
            Assert.All(NamedArgument.Matches(span), a => Assert.True(arguments.Contains(a.Groups["name"].Value), $"{request.Name} takes no argument {a.Groups["name"].Value}: {span}"));
        }
    }

    // A task whose call is NonIdempotent in the catalogue says so, and says what OutcomeUnknown means for it.
    [Fact]
    public void TaskGuide_MarksEveryNonIdempotentCall()
    {
        var nonIdempotent = TypedSurface.Catalogue.Values
            .Where(f => f.Text("kind") == "NonIdempotent")
            .Select(f => f.Text("client") + "." + f.Text("method") + "Async")
            .ToHashSet(StringComparer.Ordinal);
        var tasks = Regex.Split(Section(TaskGuide), @"\n(?=\d+\. )").Skip(1).ToList();

        Assert.Equal(15, tasks.Count);
        Assert.All(tasks, task =>
        {
            if (TypedCall.Matches(task).Any(c => nonIdempotent.Contains(c.Groups["path"].Value + c.Groups["method"].Value)))
            {
                Assert.Contains("(NonIdempotent", task, StringComparison.Ordinal);
                Assert.Contains("OutcomeUnknown", task, StringComparison.Ordinal);
            }
        });
    }

    // The generated table of every function names only methods that exist: the generator and the code agree.
    [Fact]
    public void FunctionTable_NamesOnlyMethodsThatExist()
    {
        var start = Readme.Value.IndexOf("<!-- generated: functions -->", StringComparison.Ordinal);
        var end = Readme.Value.IndexOf("<!-- /generated: functions -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README has no generated table of functions");
        var methods = TableMethod.Matches(Readme.Value[start..end]);

        Assert.True(methods.Count >= TypedSurface.Catalogue.Count, $"the table names {methods.Count} methods for {TypedSurface.Catalogue.Count} functions");
        Assert.All(methods, m => Assert.True(Find(m.Groups["path"].Value, m.Groups["method"].Value) is not null, $"the table names {m.Value}, which IEnswitchClient does not have"));
    }

    private static string Section(string heading)
    {
        var start = Readme.Value.IndexOf("\n## " + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no section '{heading}'");
        var end = Readme.Value.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? Readme.Value[start..] : Readme.Value[start..end];
    }

    // The method a property path leads to from IEnswitchClient, or null.
    private static MethodInfo? Find(string path, string method)
    {
        var type = typeof(IEnswitchClient);
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (type.GetProperty(segment) is not { } property)
            {
                return null;
            }

            type = property.PropertyType;
        }

        return type.GetMethods().SingleOrDefault(m => m.Name == method);
    }

    // The method a call in the README names, which must exist and, where the README shows its request, take it.
    private static MethodInfo MethodOf(Match call)
    {
        var name = "enswitch." + call.Groups["path"].Value + call.Groups["method"].Value;
        var method = Find(call.Groups["path"].Value, call.Groups["method"].Value);
        Assert.True(method is not null, $"README names {name}, which IEnswitchClient does not have");
        if (call.Groups["request"].Success)
        {
            Assert.True(call.Groups["request"].Value == method.GetParameters()[0].ParameterType.Name, $"README gives {name} a {call.Groups["request"].Value}; it takes {method.GetParameters()[0].ParameterType.Name}");
        }

        return method;
    }
}
