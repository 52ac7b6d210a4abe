using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Enswitch.Client.Testing.Internal;

/// <summary>What an emulated function answers: one envelope entry and optional data.</summary>
internal sealed record FunctionResult(int Code, string Key, string Message, Action<Utf8JsonWriter>? WriteData = null)
{
    /// <summary>
    /// Gets the writer of a body that replaces the buffered envelope, for answers too large to build in
    /// memory (a recording's audio) or that are not JSON at all (<c>wrap=none</c>).
    /// </summary>
    public Func<HttpResponse, CancellationToken, Task>? WriteBody { get; init; }

    public static FunctionResult Ok(Action<Utf8JsonWriter>? data = null) => new(200, string.Empty, "OK", data);

    public static FunctionResult Validated() => new(201, string.Empty, "Validation passed");

    public static FunctionResult NoContent() => new(204, string.Empty, "OK");

    public static FunctionResult Invalid(string key, string message) => new(400, key, message);

    public static FunctionResult Unauthenticated() => new(401, string.Empty, "Invalid authentication details");

    public static FunctionResult RoleDenied() => new(402, string.Empty, "Your role does not permit this function");

    public static FunctionResult RatePlanDenied() => new(403, string.Empty, "Your rate plan does not permit this function");

    /// <summary>
    /// Returns the 404 for an object that is missing or not visible to the caller (the guide does not
    /// tell the two apart). The key names the parameter that identified it; the guide only documents
    /// <c>key</c> for 400, so this is the emulator's choice.
    /// </summary>
    public static FunctionResult NotFound(string key) => new(404, key, $"No such {key} found");

    public static FunctionResult UnknownFunction() => new(404, string.Empty, "No such function");
}
