namespace Enswitch.Client.Testing;

/// <summary>
/// One request the emulator received, as it decoded it: the journal entry tests assert on.
/// </summary>
/// <param name="Function">The function path, for example <c>recording/groups/create</c>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Parameters">Every decoded parameter, credentials included, in the order received.</param>
/// <param name="UnknownParameters">The parameter names the guide does not document for this function.</param>
/// <param name="HadQueryString">Whether the URL carried a query string.</param>
/// <param name="Fault">The fault applied to this request, or <see langword="null"/> when it was served normally.</param>
public sealed record EmulatorRequest(
    string Function,
    string Method,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    IReadOnlyList<string> UnknownParameters,
    bool HadQueryString,
    string? Fault)
{
    /// <summary>
    /// Gets the credential the request authenticated with (<see cref="EmulatorCredential.None"/> when it
    /// failed to), so that a test can count password logins against token calls.
    /// </summary>
    public EmulatorCredential AuthenticatedWith { get; init; }

    /// <summary>
    /// Gets the request's <c>User-Agent</c> header, or <see langword="null"/> when it had none, so that a
    /// test can check which application and SDK build the server would see.
    /// </summary>
    public string? UserAgent { get; init; }

    /// <summary>Returns the first value of a parameter, or <see langword="null"/> when it was not sent.</summary>
    /// <param name="name">The wire name.</param>
    /// <returns>The decoded value.</returns>
    public string? this[string name]
    {
        get
        {
            foreach (var pair in Parameters)
            {
                if (pair.Key == name)
                {
                    return pair.Value;
                }
            }

            return null;
        }
    }

    /// <summary>Returns a description that shows parameter names but no values, so no password or token prints.</summary>
    /// <returns>The function, method, parameter names and the kind of credential used.</returns>
    public override string ToString() =>
        $"{Method} {Function} ({string.Join(", ", Parameters.Select(p => p.Key))}) authenticated with {AuthenticatedWith}{(Fault is null ? string.Empty : " fault: " + Fault)}";
}
