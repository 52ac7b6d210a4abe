using System.Text.Json;
using Enswitch.Client.Recording;

namespace Enswitch.Client;

/// <summary>
/// The whole Enswitch API in one place: the typed category clients, and a raw call for any function the SDK
/// does not type yet, with the same authentication, error mapping, retries and redaction.
/// </summary>
public interface IEnswitchClient
{
    /// <summary>Gets the client for the <c>recording/groups/*</c> functions.</summary>
    IRecordGroupsClient RecordGroups { get; }

    /// <summary>Gets the client for the <c>recording/recordings/*</c> functions.</summary>
    IRecordingsClient Recordings { get; }

    /// <summary>
    /// Calls any Enswitch function by name, for example <c>cdrs/list</c>. Credentials are added by the SDK;
    /// the envelope decides success, and error codes raise the same typed exceptions as the typed methods.
    /// </summary>
    /// <param name="functionName">The function path below <c>api/json/</c>, such as <c>recording/groups/create</c>.</param>
    /// <param name="parameters">The parameters in the order to send them, without credentials; values are sent as given.</param>
    /// <param name="kind">
    /// What repeating the call would do. The default, <see cref="OperationKind.NonIdempotent"/>, is the safe
    /// choice for a function the SDK knows nothing about: it is retried only when nothing was sent.
    /// </param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The envelope's <c>data</c>, or <see langword="null"/> when the response has none (a 204).</returns>
    /// <exception cref="ArgumentException">The function name is malformed, or a parameter is a credential; nothing was sent.</exception>
    /// <exception cref="EnswitchException">The call failed; see the subclasses.</exception>
    Task<JsonElement?> CallAsync(string functionName, IEnumerable<KeyValuePair<string, string>> parameters, OperationKind kind = OperationKind.NonIdempotent, CancellationToken cancellationToken = default);
}
