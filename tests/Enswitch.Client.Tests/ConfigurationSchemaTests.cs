using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Json.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Enswitch.Client.Tests;

/// <summary>
/// src/Enswitch.Client/ConfigurationSchema.json gives appsettings.json completion and checks for the Enswitch section
/// (and a named client's section under it). These tests keep it in step with <see cref="EnswitchClientOptions"/>: every
/// option with its JSON type, default, description (the XML doc's summary) and range, nothing else, and a schema that
/// accepts what the binder and validator accept and refuses what they refuse.
/// </summary>
public class ConfigurationSchemaTests
{
    private const string Definition = "Enswitch.Client.EnswitchClientOptions";

    private static readonly Lazy<JsonObject> Schema = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "src", "Enswitch.Client", "ConfigurationSchema.json")))!.AsObject());

    private static readonly Lazy<XDocument> XmlDocs = new(() =>
        XDocument.Load(Path.ChangeExtension(typeof(EnswitchClientOptions).Assembly.Location, ".xml")));

    // "... A duration, [d.]hh:mm[:ss[.fffffff]], from 00:00:00.01 to 1.00:00:00."
    private static readonly Regex DurationRange = new(@" from (?<min>\S+) to (?<max>\S+)\.$", RegexOptions.CultureInvariant);

    public static TheoryData<string> OptionNames() => [.. Bindable().Select(p => p.Name)];

    private static JsonObject Properties => Schema.Value["definitions"]![Definition]!["properties"]!.AsObject();

    [Fact]
    public void DescribesEveryBindableOption_AndNothingElse()
    {
        var expected = Bindable().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, Properties.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.False((bool)Schema.Value["definitions"]![Definition]!["additionalProperties"]!);
    }

    // The Enswitch section offers every option by reference to the one definition, and takes any object under it as a
    // named client's section (Enswitch:PbxA), described by that same definition.
    [Fact]
    public void TheEnswitchSection_ReferencesTheDefinition_ForItsKeysAndForNamedClients()
    {
        var section = Schema.Value["properties"]!["Enswitch"]!.AsObject();

        Assert.Equal(
            Properties.Select(p => (p.Key, $"#/definitions/{Definition}/properties/{p.Key}")),
            section["properties"]!.AsObject().Select(p => (p.Key, (string)p.Value!["$ref"]!)));
        Assert.Equal($"#/definitions/{Definition}", (string)section["additionalProperties"]!["$ref"]!);
    }

    [Theory]
    [MemberData(nameof(OptionNames))]
    public void GivesEachOptionItsJsonType(string name)
    {
        var property = typeof(EnswitchClientOptions).GetProperty(name)!;
        var schema = Properties[name]!.AsObject();
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;

        (string JsonType, string? Format, string? Pattern) expected = type switch
        {
            _ when type == typeof(string) => ("string", null, null),
            _ when type == typeof(Uri) => ("string", "uri", null),
            _ when type == typeof(bool) => ("boolean", null, null),
            _ when type == typeof(int) || type == typeof(long) => ("integer", null, null),
            _ when type == typeof(TimeSpan) => ("string", null, TimeSpanPattern()),
            _ when type == typeof(Version) => ("string", null, @"^\d+\.\d+(\.\d+){0,2}$"),
            _ when type.IsEnum => ("string", null, null),
            _ => throw new InvalidOperationException($"EnswitchClientOptions.{name} has a type ({type}) the schema test does not map yet."),
        };

        Assert.Equal(expected.JsonType, (string)schema["type"]!);
        Assert.Equal(expected.Format, (string?)schema["format"]);
        if (expected.Pattern is not null)
        {
            Assert.Equal(expected.Pattern, (string?)schema["pattern"]);
        }

        Assert.Equal(type.IsEnum ? Enum.GetNames(type) : null, schema["enum"]?.AsArray().Select(v => (string)v!).ToArray());
    }

    [Theory]
    [MemberData(nameof(OptionNames))]
    public void GivesEachOptionItsDefault(string name)
    {
        var value = typeof(EnswitchClientOptions).GetProperty(name)!.GetValue(new EnswitchClientOptions());
        var schemaDefault = Properties[name]!["default"];

        JsonNode? expected = value switch
        {
            null => null,
            bool b => JsonValue.Create(b),
            int i => JsonValue.Create(i),
            long l => JsonValue.Create(l),
            TimeSpan t => JsonValue.Create(t.ToString("c", CultureInfo.InvariantCulture)),
            Enum e => JsonValue.Create(e.ToString()),
            _ => throw new InvalidOperationException($"EnswitchClientOptions.{name} defaults to a {value.GetType()}, which the schema test does not map yet."),
        };

        Assert.True(JsonNode.DeepEquals(expected, schemaDefault), $"{name}: the schema's default is {schemaDefault?.ToJsonString() ?? "absent"}, the option's {expected?.ToJsonString() ?? "absent"}");
    }

    // The description is the option's XML doc summary, what the IDE shows in code, with each cref as its name (a
    // constant as its value); it may go on with what matters in a settings file (a range, where a secret belongs).
    [Theory]
    [MemberData(nameof(OptionNames))]
    public void DescribesEachOptionWithItsXmlDocSummary(string name)
    {
        var property = typeof(EnswitchClientOptions).GetProperty(name)!;
        var member = XmlDocs.Value.Descendants("member").Single(m => (string?)m.Attribute("name") == $"P:{typeof(EnswitchClientOptions).FullName}.{name}");
        var summary = Collapse(Render(member.Element("summary")!, property.PropertyType));

        Assert.StartsWith(summary, (string)Properties[name]!["description"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void TellsToKeepThePasswordOutOfTheFile()
    {
        var description = (string)Properties[nameof(EnswitchClientOptions.Password)]!["description"]!;

        Assert.Contains("secret", description, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("keep it out of appsettings.json", description, StringComparison.Ordinal);
        Assert.Contains("Enswitch__Password", description, StringComparison.Ordinal);
    }

    // Each integer's minimum and maximum are the validator's: the bound passes, one step past it fails, and an option
    // without a maximum takes the type's largest value.
    [Theory]
    [MemberData(nameof(OptionNames))]
    public void GivesEachIntegerTheValidatorsRange(string name)
    {
        var property = typeof(EnswitchClientOptions).GetProperty(name)!;
        if (property.PropertyType != typeof(int) && property.PropertyType != typeof(long))
        {
            Assert.Null(Properties[name]!["minimum"]);
            return;
        }

        var minimum = (long)Properties[name]!["minimum"]!;
        var maximum = (long?)Properties[name]!["maximum"];
        object Value(long v) => property.PropertyType == typeof(int) ? (object)checked((int)v) : v;

        Assert.True(RangeFailures(property, Value(minimum)) == 0, $"{name} = {minimum} (the schema's minimum) is refused");
        Assert.True(RangeFailures(property, Value(minimum - 1)) == 1, $"{name} = {minimum - 1} (below the schema's minimum) is accepted");
        var largest = property.PropertyType == typeof(int) ? int.MaxValue : long.MaxValue;
        Assert.True(RangeFailures(property, Value(maximum ?? largest)) == 0, $"{name} = {maximum ?? largest} is refused");
        if (maximum is { } max)
        {
            Assert.True(RangeFailures(property, Value(max + 1)) == 1, $"{name} = {max + 1} (above the schema's maximum) is accepted");
        }
    }

    // A duration's description ends with its range; that range is the validator's.
    [Theory]
    [MemberData(nameof(OptionNames))]
    public void StatesEachDurationsRangeAsTheValidatorChecksIt(string name)
    {
        var property = typeof(EnswitchClientOptions).GetProperty(name)!;
        if (property.PropertyType != typeof(TimeSpan))
        {
            return;
        }

        var range = DurationRange.Match((string)Properties[name]!["description"]!);
        Assert.True(range.Success, $"{name}'s description states no range");
        var minimum = TimeSpan.Parse(range.Groups["min"].Value, CultureInfo.InvariantCulture);
        var maximum = TimeSpan.Parse(range.Groups["max"].Value, CultureInfo.InvariantCulture);

        Assert.Equal(0, RangeFailures(property, minimum));
        Assert.Equal(0, RangeFailures(property, maximum));
        Assert.Equal(1, RangeFailures(property, maximum + TimeSpan.FromTicks(1)));
        Assert.Equal(1, RangeFailures(property, minimum - TimeSpan.FromTicks(1)));
    }

    // The pattern takes what TimeSpan.ToString("c") writes, which the binder reads back, and nothing TimeSpan.Parse refuses.
    [Fact]
    public void TheDurationPattern_TakesWhatTheBinderReads()
    {
        var pattern = new Regex(TimeSpanPattern(), RegexOptions.CultureInvariant);
        var random = new Random(20261201);
        var samples = Enumerable.Range(0, 500).Select(_ => TimeSpan.FromTicks(random.NextInt64(0, TimeSpan.FromDays(3650).Ticks)))
            .Concat([TimeSpan.Zero, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1), -TimeSpan.FromSeconds(1)]);

        Assert.All(samples, t => Assert.Matches(pattern, t.ToString("c", CultureInfo.InvariantCulture)));
        Assert.All(["1", "02:03", "2:3", "1.02:03", "1.02:03:04.5", "00:00:30", "-00:00:01"], text =>
        {
            Assert.Matches(pattern, text);
            _ = TimeSpan.Parse(text, CultureInfo.InvariantCulture);
        });
        Assert.All(["30s", "1:60", "24:00", "00:00:60", "1 day", "00:00:00.12345678", ""], text => Assert.DoesNotMatch(pattern, text));
    }

    [Theory]
    [InlineData("MyApp/1.2")]
    [InlineData("MyApp")]
    [InlineData("a!#$%&'*+-.^_`|~/9")]
    [InlineData("My App/1.2")]
    [InlineData("MyApp/")]
    [InlineData("/1.2")]
    [InlineData("MyApp/1/2")]
    [InlineData("Café/1")]
    [InlineData("A234567890123456789012345678901234567890123456789012345678901234")]
    [InlineData("A2345678901234567890123456789012345678901234567890123456789012345")]
    public void TheApplicationIdPattern_AgreesWithTheValidator(string applicationId)
    {
        var schema = Properties[nameof(EnswitchClientOptions.ApplicationId)]!;
        var matches = Regex.IsMatch(applicationId, (string)schema["pattern"]!, RegexOptions.CultureInvariant) && applicationId.Length <= (int)schema["maxLength"]!;

        Assert.Equal(Failures(o => o.ApplicationId = applicationId).Count == 0, matches);
    }

    [Fact]
    public void AcceptsASectionTheBinderAndValidatorAccept_WithANamedClientUnderIt()
    {
        const string settings = """
            {
              "Enswitch": {
                "BaseAddress": "https://pbx.example.com/",
                "Username": "api-user",
                "RequestMethod": "Get",
                "Authentication": "Token",
                "ServerVersion": "4.4",
                "ApplicationId": "MyApp/1.2",
                "MaxRetries": 5,
                "AttemptTimeout": "00:00:10",
                "TotalTimeout": "00:01:00",
                "RetryDelay": "00:00:00.250",
                "MaxResponseBytes": 1048576,
                "CircuitBreakerEnabled": false,
                "PbxA": { "BaseAddress": "https://pbx-a.example.com/", "Username": "reseller-a", "TokenRefreshMargin": "00:01:00" }
              }
            }
            """;

        AssertValid(settings);
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(settings))).Build();
        foreach (var path in new[] { "Enswitch", "Enswitch:PbxA" })
        {
            var options = new EnswitchClientOptions { Password = "from a secret store" };
            configuration.GetSection(path).Bind(options);
            EnswitchOptionsValidator.ThrowIfInvalid(options);
        }
    }

    [Theory]
    [InlineData("""{ "Enswitch": { "MaxRetries": 11 } }""")]
    [InlineData("""{ "Enswitch": { "MaxResponseBytes": 512 } }""")]
    [InlineData("""{ "Enswitch": { "RequestMethod": "Put" } }""")]
    [InlineData("""{ "Enswitch": { "AttemptTimeout": "30s" } }""")]
    [InlineData("""{ "Enswitch": { "CircuitBreakerEnabled": "yes" } }""")]
    [InlineData("""{ "Enswitch": { "ServerVersion": "4" } }""")]
    [InlineData("""{ "Enswitch": { "ApplicationId": "My App" } }""")]
    [InlineData("""{ "Enswitch": { "Pasword": "a misspelt key" } }""")]
    [InlineData("""{ "Enswitch": { "PbxA": { "Pasword": "a misspelt key in a named client" } } }""")]
    [InlineData("""{ "Enswitch": { "PbxA": { "MaxRetries": -1 } } }""")]
    public void RefusesWhatTheSdkWouldIgnoreOrRefuse(string settings)
    {
        using var document = JsonDocument.Parse(settings);

        Assert.False(Evaluate(document.RootElement).IsValid, settings);
    }

    // Public settable instance properties the configuration binder fills: every option but delegates and the like.
    private static IEnumerable<PropertyInfo> Bindable() =>
        typeof(EnswitchClientOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && !typeof(Delegate).IsAssignableFrom(p.PropertyType));

    private static string TimeSpanPattern() => (string)Properties[nameof(EnswitchClientOptions.AttemptTimeout)]!["pattern"]!;

    private static void AssertValid(string settings)
    {
        using var document = JsonDocument.Parse(settings);
        var result = Evaluate(document.RootElement);
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));

        Assert.True(result.IsValid, string.Join("\n", errors));
    }

    // Draft 7, the dialect of the segments Visual Studio merges into the appsettings.json schema.
    private static EvaluationResults Evaluate(JsonElement settings) =>
        JsonSchema.FromText(Schema.Value.ToJsonString(), new BuildOptions { Dialect = Dialect.Draft07 })
            .Evaluate(settings, new EvaluationOptions { OutputFormat = OutputFormat.List });

    // How many of the validator's range messages ("<option> must be ...") name this option when only it is changed.
    private static int RangeFailures(PropertyInfo property, object value) =>
        Failures(o => property.SetValue(o, value)).Count(f => f.StartsWith($"EnswitchClientOptions.{property.Name} must be ", StringComparison.Ordinal));

    private static IReadOnlyList<string> Failures(Action<EnswitchClientOptions> configure)
    {
        try
        {
            EnswitchOptionsValidator.ThrowIfInvalid(TestOptions.Create(configure));
            return [];
        }
        catch (OptionsValidationException exception)
        {
            return [.. exception.Failures];
        }
    }

    private static string Render(XElement element, Type propertyType) =>
        string.Concat(element.Nodes().Select(node => node switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "see" } see when see.Attribute("langword") is { } langword => langword.Value,
            XElement { Name.LocalName: "see" } see => Cref((string)see.Attribute("cref")!, propertyType),
            XElement child => Render(child, propertyType),
            _ => string.Empty,
        }));

    // F:Enswitch.Client.EnswitchClientOptions.MaxRetriesLimit -> 10; P:Enswitch.Client.EnswitchException.RequestSent ->
    // EnswitchException.RequestSent; an option of EnswitchClientOptions or a value of the option's own enum by its name.
    private static string Cref(string cref, Type propertyType)
    {
        var name = cref[2..];
        if (cref[0] == 'T')
        {
            return name[(name.LastIndexOf('.') + 1)..];
        }

        var type = typeof(EnswitchClientOptions).Assembly.GetType(name[..name.LastIndexOf('.')], throwOnError: true)!;
        var member = name[(name.LastIndexOf('.') + 1)..];
        if (type.GetField(member) is { IsLiteral: true } constant && !type.IsEnum)
        {
            return Convert.ToString(constant.GetRawConstantValue(), CultureInfo.InvariantCulture)!;
        }

        return type == typeof(EnswitchClientOptions) || type == propertyType ? member : $"{type.Name}.{member}";
    }

    private static string Collapse(string text) => Regex.Replace(text, @"\s+", " ").Trim();
}
