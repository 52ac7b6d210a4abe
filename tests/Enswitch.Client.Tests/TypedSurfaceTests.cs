using System.Net.Http;
using System.Text.Json;
using Enswitch.Client.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.Tests;

/// <summary>
/// The generated typed surface, driven by the catalogue: every function is a typed method reachable from
/// <see cref="IEnswitchClient"/>, sends its parameters, retries as its catalogued kind allows, and reads its answer.
/// </summary>
public class TypedSurfaceTests
{
    public static TheoryData<string> EveryFunction() => [.. TypedSurface.Catalogue.Keys.Order(StringComparer.Ordinal)];

    public static TheoryData<string> GeneratedFunctions() => [.. TypedSurface.Generated];

    public static TheoryData<string> GeneratedWithAnExampleUrl() =>
        [.. TypedSurface.Generated.Where(f => TypedSurface.Catalogue[f].TryGetProperty("exampleUrl", out _))];

    // Every function of the catalogue, hand-written or generated, is a method of the client its path names.
    [Theory]
    [MemberData(nameof(EveryFunction))]
    public void EveryCataloguedFunction_IsATypedMethod_ReachableFromIEnswitchClient(string name)
    {
        var function = TypedSurface.Catalogue[name];
        var method = TypedSurface.MethodOf(function);
        Assert.True(typeof(Task).IsAssignableFrom(method.ReturnType), $"{name}: {method.Name} returns {method.ReturnType}");
        Assert.Equal(typeof(CancellationToken), method.GetParameters()[^1].ParameterType);
        // Every call takes its own options, optional, just before the token.
        Assert.Equal(typeof(EnswitchRequestOptions), method.GetParameters()[^2].ParameterType);
        Assert.True(method.GetParameters()[^2].IsOptional, $"{name}: options are not optional");
        Assert.Equal(function.Text("request"), method.GetParameters()[0].ParameterType.Name);
        var result = function.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        if (result is not null && function.Text("shape") != "none")
        {
            // Task<Result>, or Task<IReadOnlyList<Row>> for a list: the innermost type argument is the catalogue's type.
            var returned = method.ReturnType;
            while (returned.IsGenericType)
            {
                returned = returned.GetGenericArguments()[0];
            }

            Assert.Equal(result, returned.Name);
        }
    }

    // The kind is proven by behaviour: after a connection dropped once the request was out, a Read or
    // IdempotentWrite is sent again and reads the answer; a NonIdempotent call is never repeated and says its
    // outcome is unknown. The same run checks the path, and that the answer of the function's shape is read.
    [Theory]
    [MemberData(nameof(GeneratedFunctions))]
    public async Task TypedCall_DroppedAfterSending_IsRetriedExactlyAsTheCatalogueKindAllows_AndReadsItsShape(string name)
    {
        var function = TypedSurface.Catalogue[name];
        using var harness = ClientHarness.Direct().Replies(
            Reply.ReadThenFail(new HttpRequestException("The response ended prematurely.")),
            Reply.Json(SuccessOf(function)));
        var client = TypedSurface.ClientOf(harness.Enswitch, function);

        var call = TypedSurface.InvokeAsync(client, TypedSurface.MethodOf(function), TypedSurface.RequestOf(function), ClientHarness.Token);

        if (function.Text("kind") == "NonIdempotent")
        {
            var error = await Assert.ThrowsAsync<EnswitchTransportException>(() => call);
            Assert.True(error.OutcomeUnknown);
            Assert.EndsWith("/api/json/" + name + "/", new Uri(Assert.Single(harness.Received).Uri).AbsolutePath, StringComparison.Ordinal);
            return;
        }

        var result = await call;
        Assert.Equal(2, harness.Received.Count);
        if (function.Text("shape") == "none")
        {
            Assert.Equal(typeof(Task), TypedSurface.MethodOf(function).ReturnType);
            return;
        }

        Assert.All(harness.Received, r => Assert.EndsWith("/api/json/" + name + "/", new Uri(r.Uri).AbsolutePath, StringComparison.Ordinal));
        AssertShape(function, result);
    }

    private static void AssertShape(JsonElement function, object? result)
    {
        switch (function.Text("shape"))
        {
            case "id":
                Assert.Equal(41L, result!.GetType().GetProperty("Id")!.GetValue(result));
                break;
            case "count":
                Assert.Equal(3L, result!.GetType().GetProperty("Count")!.GetValue(result));
                break;
            case "object":
                AssertFields(function, result!);
                break;
            case "strings":
                Assert.Equal(["2125551234", "2125551235"], Assert.IsAssignableFrom<IReadOnlyList<string>>(result));
                break;
            default:
                var rows = Assert.IsAssignableFrom<System.Collections.IEnumerable>(result).Cast<object>().ToList();
                Assert.Equal(2, rows.Count);
                AssertFields(function, rows[1]);
                break;
        }
    }

    private static void AssertFields(JsonElement function, object row)
    {
        foreach (var field in function.GetProperty("fields").EnumerateArray())
        {
            var csharp = field.Text("csharp");
            var property = row.GetType().GetProperty(csharp) ?? row.GetType().GetProperty(csharp + "Value");
            Assert.NotNull(property);
            Assert.Equal(field.Text("type") == "integer" ? 12L : "v", property.GetValue(row));
        }

        var additional = (IReadOnlyDictionary<string, JsonElement>)row.GetType().GetProperty("AdditionalFields")!.GetValue(row)!;
        Assert.Equal(JsonValueKind.True, Assert.Single(additional).Value.ValueKind);
    }

    // The guide's example URL, taken apart and set on the typed request property by property (errata corrected in the
    // catalogue): in GET mode the SDK sends the same parameters with the same values, credentials first.
    [Theory]
    [MemberData(nameof(GeneratedWithAnExampleUrl))]
    public async Task TypedCall_InGetMode_SendsTheParametersOfTheGuidesExample(string name)
    {
        var function = TypedSurface.Catalogue[name];
        var example = function.Text("exampleUrl");
        var query = example.Contains('?', StringComparison.Ordinal) ? example[(example.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty;
        var pairs = WireForm.Parse(query, ';').Where(p => !p.Key.StartsWith("auth_", StringComparison.Ordinal)).ToList();
        using var harness = ClientHarness.Direct(o => o.RequestMethod = EnswitchRequestMethod.Get).Replies(Reply.Json(SuccessOf(function)));
        var parameters = function.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.Text("name"), p => p, StringComparer.Ordinal);

        // A file's bytes are a placeholder in the guide ("data=..."): the test sends three bytes in their place.
        pairs = [.. pairs.Select(p => parameters.TryGetValue(p.Key, out var documented) && documented.Text("type") == "base64" && !IsBase64(p.Value)
            ? new KeyValuePair<string, string>(p.Key, Convert.ToBase64String([1, 2, 3]))
            : p)];
        var method = TypedSurface.MethodOf(function);
        var request = TypedSurface.RequestOf(function, pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        var validating = false;
        foreach (var (key, value) in pairs)
        {
            if (key == "validation")
            {
                validating = value == "1";
                continue;
            }

            // A few examples pass a parameter their table lacks: the typed request sends it as an additional one.
            var property = TypedSurface.PropertyFor(function, request.GetType(), key);
            if (property is null)
            {
                ((AdditionalParameterCollection)request.GetType().GetProperty("AdditionalParameters")!.GetValue(request)!).Add(key, value);
            }
            else if (property.CanWrite)
            {
                property.SetValue(request, TypedSurface.FromText(property.PropertyType, value));
            }
        }

        if (validating)
        {
            harness.Replies(Reply.Json(Envelope.Validated));
            method = TypedSurface.MethodOf(function, "Validate" + function.Text("method"));
        }

        await TypedSurface.InvokeAsync(TypedSurface.ClientOf(harness.Enswitch, function), method, request, ClientHarness.Token);

        // Sent: exactly the example's pairs, plus any required parameter the example leaves out (set to a sample).
        var sent = WireForm.Parse(new Uri(Assert.Single(harness.Received).Uri).Query.TrimStart('?'), ';').Where(p => !p.Key.StartsWith("auth_", StringComparison.Ordinal)).ToList();
        var filledIn = sent.Where(p => !pairs.Any(e => e.Key == p.Key) && parameters[p.Key].Text("required") == "yes");
        Assert.Equal(pairs.OrderBy(p => p.Key, StringComparer.Ordinal), sent.Except(filledIn).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private static bool IsBase64(string text)
    {
        try
        {
            _ = Convert.FromBase64String(text);
            return text.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Returns the success answer of a function's shape, with the example's fields where it has them.</summary>
    private static string SuccessOf(JsonElement function) => function.Text("shape") switch
    {
        "none" => Envelope.Code(204),
        "id" => Envelope.WithData("""{"id":"41"}"""),
        "count" => Envelope.WithData("""{"count":3}"""),
        "object" => Envelope.WithData(ExampleObject(function)),
        "strings" => Envelope.WithData("""["2125551234",2125551235]"""),
        _ => Envelope.WithData("[" + ExampleObject(function) + "," + ExampleObject(function) + "]"),
    };

    /// <summary>An object with every example field: integers alternately as numbers and as strings, as Enswitch sends them.</summary>
    private static string ExampleObject(JsonElement function)
    {
        var fields = function.GetProperty("fields").EnumerateArray().Select((f, i) =>
            JsonSerializer.Serialize(f.Text("name")) + ":" + (f.Text("type") == "integer" ? (i % 2 == 0 ? "12" : "\"12\"") : "\"v\""));
        return "{" + string.Join(",", fields.Append("\"not_in_the_catalogue\":true")) + "}";
    }
}
