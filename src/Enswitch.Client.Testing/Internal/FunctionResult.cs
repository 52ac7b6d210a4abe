using System.Text.Json;

namespace Enswitch.Client.Testing.Internal;

/// <summary>What an emulated function answers: one envelope entry and optional data.</summary>
internal sealed record FunctionResult(int Code, string Key, string Message, Action<Utf8JsonWriter>? WriteData = null)
{
    public static FunctionResult Ok(Action<Utf8JsonWriter>? data = null) => new(200, string.Empty, "OK", data);

    public static FunctionResult Validated() => new(201, string.Empty, "Validation passed");

    public static FunctionResult NoContent() => new(204, string.Empty, "OK");

    public static FunctionResult Invalid(string key, string message) => new(400, key, message);
}
