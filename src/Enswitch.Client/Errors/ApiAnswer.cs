namespace Enswitch.Client;

/// <summary>The parts of an error envelope an <see cref="EnswitchApiException"/> carries, already scrubbed.</summary>
/// <param name="Key">The error entry's <c>key</c>.</param>
/// <param name="ServerMessage">The error entry's <c>message</c>.</param>
/// <param name="Responses">Every entry of <c>responses</c>, in order.</param>
internal readonly record struct ApiAnswer(string Key, string ServerMessage, IReadOnlyList<EnswitchResponseEntry> Responses);
