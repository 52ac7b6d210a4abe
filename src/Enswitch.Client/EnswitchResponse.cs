using System.Text.Json;

namespace Enswitch.Client;

/// <summary>
/// The whole answer to a successful call made with <see cref="IEnswitchClient.CallWithResponseAsync"/>: the HTTP status
/// and headers, every entry of the envelope's <c>responses</c> array, and its <c>data</c>.
/// </summary>
/// <remarks>
/// Any value that holds a secret of the call (the password, a token, a secret parameter) is masked, in the headers and
/// in the entries' messages, as in exceptions. A failed call still throws the typed exception of its code, which
/// carries the same entries in <see cref="EnswitchApiException.Responses"/>.
/// </remarks>
public sealed class EnswitchResponse
{
    /// <summary>Initializes a new instance of the <see cref="EnswitchResponse"/> class, for tests of code that takes one.</summary>
    /// <param name="httpStatus">The HTTP status code.</param>
    /// <param name="headers">The response and content headers, by name.</param>
    /// <param name="responses">The envelope's <c>responses</c> entries, in order; at least one.</param>
    /// <param name="data">The envelope's <c>data</c>, or <see langword="null"/> when it has none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> or <paramref name="responses"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="responses"/> is empty.</exception>
    public EnswitchResponse(int httpStatus, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, IReadOnlyList<EnswitchResponseEntry> responses, JsonElement? data)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(responses);
        if (responses.Count == 0)
        {
            throw new ArgumentException("An Enswitch envelope has at least one responses entry.", nameof(responses));
        }

        HttpStatus = httpStatus;
        Headers = headers;
        Responses = responses;
        Data = data;
    }

    /// <summary>Gets the HTTP status code of the response, such as 200. Enswitch reports the outcome in <see cref="Code"/>.</summary>
    public int HttpStatus { get; }

    /// <summary>
    /// Gets the response's headers and its content's headers, by name (compared without regard to case), each with
    /// its values in the order received.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>Gets the code of the first <c>responses</c> entry: the call's outcome, such as 200, 201 or 204.</summary>
    public int Code => Responses[0].Code;

    /// <summary>Gets every entry of the envelope's <c>responses</c> array, in order.</summary>
    public IReadOnlyList<EnswitchResponseEntry> Responses { get; }

    /// <summary>Gets a copy of the envelope's <c>data</c> that outlives the response, or <see langword="null"/> when it has none.</summary>
    public JsonElement? Data { get; }
}
