namespace Enswitch.Client;

/// <summary>
/// One entry of the <c>responses</c> array of an Enswitch response envelope.
/// </summary>
/// <param name="Code">The entry's code, such as 200, 204 or 400.</param>
/// <param name="Key">The parameter the entry is about (for a 400), or an empty string.</param>
/// <param name="Message">The server's message, scrubbed of secrets and line breaks and shortened.</param>
public sealed record EnswitchResponseEntry(int Code, string Key, string Message);
