using System.Globalization;
using System.Text.Json;
using Enswitch.Cli.Catalogue;
using Enswitch.Client.Testing;

namespace Enswitch.Cli.Tests;

/// <summary>
/// Every catalogued function run as its command (<c>enswitch cdrs list ...</c>) against the emulator over a real socket,
/// with its required options filled from the catalogue: it exits 0, prints the answer in the shape the catalogue gives,
/// and sends only documented parameters, authenticated as the function requires.
/// </summary>
public sealed class EveryFunctionTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string SecretVariable = "CLI_TEST_SECRET";
    private const string SecretValue = "param-secret-Zq7";
    private static long _counter = 5000;

    public static TheoryData<string> Functions() => [.. CliCatalogue.Functions.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task WithItsRequiredOptions_ExitsZeroAndPrintsTheCataloguesShape(string name)
    {
        var function = CliCatalogue.Functions.Single(f => f.Name == name);
        using var cli = new CliRun().For(fixture.Emulator);
        cli.Environment[SecretVariable] = SecretValue;
        var json = function.Shape is not (CliShape.Id or CliShape.Count);
        string[] args = [.. function.Path, .. Options(function), .. json ? new[] { "--output", "json" } : []];

        var result = await cli.RunAsync(args);

        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}\n{result}");
        var request = fixture.Emulator.RequestsTo(name)[^1];
        Assert.Empty(request.UnknownParameters);
        Assert.DoesNotContain(SecretValue, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain(EnswitchEmulator.DefaultPassword, result.All, StringComparison.Ordinal);
        switch (function.Shape)
        {
            case CliShape.Id or CliShape.Count:
                Assert.Matches(@"^\d+\r?\n$", result.Stdout);
                break;
            case CliShape.None:
                Assert.Equal(string.Empty, result.Stdout);
                break;
            default:
                using (var document = JsonDocument.Parse(result.Stdout))
                {
                    var root = document.RootElement;
                    Assert.Equal(function.Shape == CliShape.Object ? JsonValueKind.Object : JsonValueKind.Array, root.ValueKind);
                    if (function.Shape == CliShape.Strings)
                    {
                        Assert.All(root.EnumerateArray(), value => Assert.Equal(JsonValueKind.String, value.ValueKind));
                    }
                }

                break;
        }
    }

    /// <summary>Returns the options of every required parameter, each with a valid value, after storing what the call must find.</summary>
    private List<string> Options(CliFunction function)
    {
        var values = function.Parameters.Where(p => p.Required == CliRequirement.Yes).ToDictionary(p => p.Name, Value, StringComparer.Ordinal);
        var emulator = fixture.Emulator;
        if (function.Name.StartsWith("recording/", StringComparison.Ordinal))
        {
            var group = emulator.AddRecordGroup("seeded");
            var destination = emulator.AddRecordGroup("destination");
            var uniqueId = $"1700000000.{Interlocked.Increment(ref _counter)}";
            emulator.AddRecording(new EmulatedRecording(
                group.Id, uniqueId, "1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(5), 5, "1001", "1001", "1002", true, "audio/wav",
                DateTimeOffset.UnixEpoch.AddYears(100), new byte[] { 1, 2, 3 }));
            emulator.AddLiveCall(uniqueId);
            foreach (var key in values.Keys.ToList())
            {
                values[key] = key switch
                {
                    "id" or "recordgroup" => group.Id.ToString(CultureInfo.InvariantCulture),
                    "destination" => destination.Id.ToString(CultureInfo.InvariantCulture),
                    "uniqueid" => uniqueId,
                    "recordid" => "1",
                    _ => values[key],
                };
            }
        }
        else if (function.Path[^1] != "create")
        {
            var category = function.Name.EndsWith("/list/panel", StringComparison.Ordinal)
                ? function.Name[..^"/list/panel".Length]
                : function.Name[..function.Name.LastIndexOf('/')];
            var seeded = emulator.AddObject(category, values.Where(v => v.Key != "id" && !IsSecret(function, v.Key)).Select(v => KeyValuePair.Create(v.Key, Wire(function, v.Key, v.Value))));
            if (values.ContainsKey("id"))
            {
                values["id"] = seeded.Id.ToString(CultureInfo.InvariantCulture);
            }
        }

        var options = new List<string>();
        foreach (var parameter in function.Parameters.Where(p => values.ContainsKey(p.Name)))
        {
            options.Add(parameter.Secret ? parameter.OptionName + "-from" : parameter.OptionName);
            options.Add(values[parameter.Name]);
        }

        return options;
    }

    private static string Value(CliParameter parameter)
    {
        var n = Interlocked.Increment(ref _counter);
        return parameter.Secret ? "env:" + SecretVariable : parameter.Type switch
        {
            CliValueType.Integer => n.ToString(CultureInfo.InvariantCulture),
            CliValueType.Decimal => n.ToString(CultureInfo.InvariantCulture) + ".25",
            CliValueType.Time => "2026-11-01",
            CliValueType.Flag => "true",
            CliValueType.Choice => parameter.Values[0],
            CliValueType.Base64 => Convert.ToBase64String(BitConverter.GetBytes(n)),
            _ => $"{parameter.Name} value {n}",
        };
    }

    // What the option sends for a value, so that a seeded object holds what the command will look for.
    private static string Wire(CliFunction function, string name, string value)
    {
        var parameter = function.Parameters.Single(p => p.Name == name);
        return Commands.OptionValues.ToWire(parameter, value).Wire ?? value;
    }

    private static bool IsSecret(CliFunction function, string name) => function.Parameters.Single(p => p.Name == name).Secret;
}
