using System.Reflection;
using System.Text.Json;

namespace Enswitch.Client.Tests;

/// <summary>
/// The catalogue as the tests read it (api/*.json), and the way from a catalogued function to its typed method:
/// the property path from <see cref="IEnswitchClient"/>, the method, and a request with every required parameter set.
/// </summary>
internal static class TypedSurface
{
    private static readonly Lazy<Dictionary<string, JsonElement>> CatalogueFunctions = new(() =>
        Directory.GetFiles(Path.Combine(Repository.Root, "api"), "*.json")
            .Where(f => !f.EndsWith("catalogue.schema.json", StringComparison.Ordinal))
            .SelectMany(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("functions").EnumerateArray())
            .ToDictionary(f => f.GetProperty("name").GetString()!, StringComparer.Ordinal));

    /// <summary>Gets every catalogued function by wire name.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Catalogue => CatalogueFunctions.Value;

    /// <summary>Gets the wire names of the functions whose typed surface is generated (not written by hand).</summary>
    public static IEnumerable<string> Generated =>
        Catalogue.Where(f => !f.Value.TryGetProperty("handWritten", out _)).Select(f => f.Key).Order(StringComparer.Ordinal);

    public static string Text(this JsonElement function, string property) => function.GetProperty(property).GetString()!;

    /// <summary>Returns the client object a function's client path leads to from <paramref name="enswitch"/>.</summary>
    public static object ClientOf(IEnswitchClient enswitch, JsonElement function)
    {
        object client = enswitch;
        var type = typeof(IEnswitchClient);
        foreach (var segment in function.Text("client").Split('.'))
        {
            var property = type.GetProperty(segment) ?? throw new InvalidOperationException($"{type.Name} has no property {segment}");
            client = property.GetValue(client) ?? throw new InvalidOperationException($"{type.Name}.{segment} is null");
            type = property.PropertyType;
        }

        return client;
    }

    /// <summary>Returns the interface a function's client path leads to, walking declared property types only.</summary>
    public static Type InterfaceOf(JsonElement function)
    {
        var type = typeof(IEnswitchClient);
        foreach (var segment in function.Text("client").Split('.'))
        {
            type = (type.GetProperty(segment) ?? throw new InvalidOperationException($"{type.Name} has no property {segment}")).PropertyType;
        }

        return type;
    }

    /// <summary>Returns the typed method of a function on its client interface.</summary>
    public static MethodInfo MethodOf(JsonElement function, string? name = null) =>
        InterfaceOf(function).GetMethod((name ?? function.Text("method")) + "Async")
            ?? throw new InvalidOperationException($"{function.Text("name")}: no {function.Text("method")}Async on {InterfaceOf(function).Name}");

    /// <summary>
    /// Creates the request of a function with every required parameter set: from <paramref name="values"/> (wire
    /// name to text) where it holds one, else to a plausible value of its type.
    /// </summary>
    public static object RequestOf(JsonElement function, IReadOnlyDictionary<string, string>? values = null)
    {
        var type = MethodOf(function).GetParameters()[0].ParameterType;
        var constructor = type.GetConstructors().Single();
        var wireNames = function.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.Text("csharp"), p => p.Text("name"), StringComparer.OrdinalIgnoreCase);
        return constructor.Invoke([.. constructor.GetParameters().Select(p =>
            values is not null && values.TryGetValue(wireNames[p.Name!], out var text) ? FromText(p.ParameterType, text) : SampleOf(p.ParameterType))]);
    }

    /// <summary>Converts the text of a wire value to a request property type.</summary>
    public static object FromText(Type type, string text) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(long) => long.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
            var t when t == typeof(decimal) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
            var t when t == typeof(ReadOnlyMemory<byte>) => new ReadOnlyMemory<byte>(Convert.FromBase64String(text)),
            _ => text,
        };

    /// <summary>Returns a valid sample of a request property type.</summary>
    public static object SampleOf(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(long) => 7L,
            var t when t == typeof(decimal) => 1.5m,
            var t when t == typeof(ReadOnlyMemory<byte>) => new ReadOnlyMemory<byte>([1, 2, 3]),
            _ => "x",
        };

    /// <summary>Returns the request property that sends the wire parameter <paramref name="wireName"/>.</summary>
    public static PropertyInfo? PropertyFor(JsonElement function, Type requestType, string wireName)
    {
        foreach (var parameter in function.GetProperty("parameters").EnumerateArray())
        {
            if (parameter.Text("name") == wireName)
            {
                return requestType.GetProperty(parameter.Text("csharp"));
            }
        }

        return null;
    }

    /// <summary>Calls a typed method and returns its result (null for a method that returns a plain task).</summary>
    public static async Task<object?> InvokeAsync(object client, MethodInfo method, object? request, CancellationToken cancellationToken)
    {
        var task = (Task)method.Invoke(client, [request, null, cancellationToken])!;
        await task;
        return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
    }
}
