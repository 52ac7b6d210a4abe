using System.Text.Json;
using Enswitch.Client.Recording;

namespace Enswitch.Client;

/// <summary>
/// The whole Enswitch API in one place: the typed category clients, and a raw call for any function the SDK
/// does not type yet, with the same authentication, error mapping, retries and redaction.
/// </summary>
public partial interface IEnswitchClient
{
    /// <summary>Gets the client for the <c>recording/groups/*</c> functions.</summary>
    IRecordGroupsClient RecordGroups { get; }

    /// <summary>Gets the client for the <c>recording/recordings/*</c> functions.</summary>
    IRecordingsClient Recordings { get; }

    /// <summary>
    /// Calls any Enswitch function by name, for example <c>cdrs/list</c>. Credentials are added by the SDK
    /// (none for the few functions the guide runs without authentication); the envelope decides success, and
    /// error codes raise the same typed exceptions as the typed methods. For a function in the SDK's catalogue
    /// of documented functions, the catalogue supplies its operation kind, the versions
    /// <see cref="EnswitchClientOptions.ServerVersion"/> is checked against, and which parameters are secrets
    /// that nothing quoted may show.
    /// </summary>
    /// <param name="functionName">The function path below <c>api/json/</c>, such as <c>recording/groups/create</c>.</param>
    /// <param name="parameters">The parameters in the order to send them, without credentials; values are sent as given.</param>
    /// <param name="kind">
    /// What repeating the call would do, or <see langword="null"/> (the default) for the catalogue's kind, and
    /// <see cref="OperationKind.NonIdempotent"/> for a function the catalogue does not know: retried only when
    /// nothing was sent. A kind that would let the SDK repeat a catalogued NonIdempotent function is refused;
    /// <see cref="OperationKind.ValidateOnly"/> is accepted for one only with <c>validation=1</c>.
    /// A <see cref="OperationKind.ValidateOnly"/> call succeeds only with code 201; any other success code means the server
    /// ignored <c>validation</c> and may have done the work, which throws with <see cref="EnswitchException.OutcomeUnknown"/> set.
    /// </param>
    /// <param name="options">Settings for this call only (timeouts, retries, response cap), or <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The envelope's <c>data</c>, or <see langword="null"/> when the response has none (a 204).</returns>
    /// <exception cref="ArgumentException">The function name is malformed, a parameter is a credential, the kind is less safe than the catalogue's, or a value of <paramref name="options"/> is out of bounds; nothing was sent.</exception>
    /// <exception cref="EnswitchFeatureNotSupportedException">The function or a parameter is newer than <see cref="EnswitchClientOptions.ServerVersion"/>; nothing was sent.</exception>
    /// <exception cref="EnswitchException">The call failed; see the subclasses.</exception>
    Task<JsonElement?> CallAsync(string functionName, IEnumerable<KeyValuePair<string, string>> parameters, OperationKind? kind = null, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls any Enswitch function by name, as <see cref="CallAsync"/> does, and returns the whole answer: the HTTP status
    /// and headers, every entry of the envelope's <c>responses</c>, and its <c>data</c>. The envelope still decides
    /// success: an error code throws the same typed exception as <see cref="CallAsync"/>.
    /// </summary>
    /// <param name="functionName">The function path below <c>api/json/</c>, such as <c>cdrs/list</c>.</param>
    /// <param name="parameters">The parameters in the order to send them, without credentials; values are sent as given.</param>
    /// <param name="kind">What repeating the call would do, or <see langword="null"/> for the catalogue's kind; as for <see cref="CallAsync"/>.</param>
    /// <param name="options">Settings for this call only (timeouts, retries, response cap), or <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>
    /// The answer of the attempt that succeeded. Its <see cref="EnswitchResponse.Code"/> is the envelope's success code,
    /// or 404 for a delete the SDK repeated after an unanswered attempt and that then found nothing (the state asked for
    /// holds; see the README's "Deletes").
    /// </returns>
    /// <exception cref="ArgumentException">The function name is malformed, a parameter is a credential, the kind is less safe than the catalogue's, or a value of <paramref name="options"/> is out of bounds; nothing was sent.</exception>
    /// <exception cref="EnswitchFeatureNotSupportedException">The function or a parameter is newer than <see cref="EnswitchClientOptions.ServerVersion"/>; nothing was sent.</exception>
    /// <exception cref="EnswitchException">The call failed; see the subclasses.</exception>
    Task<EnswitchResponse> CallWithResponseAsync(string functionName, IEnumerable<KeyValuePair<string, string>> parameters, OperationKind? kind = null, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pages through a catalogued list that takes <c>limit</c> and <c>offset</c> (such as <c>cdrs/list</c>), calling it by
    /// name one page at a time as the caller enumerates, and returns every row. Each page is a read, retried on its own
    /// as <see cref="CallAsync"/> retries a read. This is the raw counterpart of the typed <c>ListAllAsync</c> methods.
    /// </summary>
    /// <param name="functionName">The list's function path below <c>api/json/</c>, such as <c>cdrs/list</c>.</param>
    /// <param name="parameters">
    /// The filters, without credentials; values are sent as given. An <c>offset</c> is where paging starts and a
    /// positive <c>limit</c> caps the rows returned in all; neither is sent as given.
    /// </param>
    /// <param name="pageSize">The rows asked for per call, 1 to 10,000.</param>
    /// <param name="options">Settings for each page's call (timeouts, retries, response cap), or <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">A token that cancels the enumeration.</param>
    /// <returns>The rows, in the server's order, each a copy that outlives the page's response.</returns>
    /// <exception cref="ArgumentException">The function is not a catalogued list that takes <c>limit</c> and <c>offset</c>, a parameter is a credential, <c>offset</c> or <c>limit</c> is not a whole number, or a value of <paramref name="options"/> is out of bounds; nothing was sent.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> or <c>offset</c> is out of range; nothing was sent.</exception>
    /// <exception cref="EnswitchProtocolException">The server answered a page with the rows of the one before (it ignores <c>offset</c>), or with data that is not an array.</exception>
    /// <exception cref="EnswitchException">A page's call failed; see the subclasses.</exception>
    IAsyncEnumerable<JsonElement> ListAllAsync(string functionName, IEnumerable<KeyValuePair<string, string>> parameters, int pageSize = 100, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default);
}
