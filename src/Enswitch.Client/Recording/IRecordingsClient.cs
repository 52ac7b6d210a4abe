namespace Enswitch.Client.Recording;

/// <summary>
/// Lists, downloads, copies, updates and starts call recordings: the <c>recording/recordings/*</c> functions.
/// </summary>
public interface IRecordingsClient
{
    /// <summary>Lists recordings by calling <c>recording/recordings/list</c> (a read, retried after transient failures).</summary>
    /// <param name="request">The customer or record group, and the filters.</param>
    /// <param name="options">Settings for this call only (timeouts, retries, response cap), or <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The matching recordings, without audio.</returns>
    /// <exception cref="ArgumentException">Both or neither of customer and record group are set, or another rule is broken; nothing was sent.</exception>
    /// <exception cref="EnswitchException">The call failed; see the subclasses.</exception>
    Task<IReadOnlyList<RecordingInfo>> ListAsync(ListRecordingsRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Downloads a recording by calling <c>recording/recordings/get</c> (a read).</summary>
    /// <param name="request">Which recording, and how it is wrapped.</param>
    /// <param name="options">Settings for this call only (timeouts, retries, response cap), or <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The audio as a stream with the recording's fields; dispose it when done.</returns>
    /// <exception cref="NotFoundException">The recording does not exist or this user may not see it (code 404).</exception>
    /// <exception cref="EnswitchException">The call failed; see the subclasses.</exception>
    Task<RecordingDownload> GetAsync(GetRecordingRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Copies a recording into another record group by calling <c>recording/recordings/copy</c>. The server
    /// does nothing when the copy exists already, so the SDK retries it like a read.
    /// </summary>
    /// <param name="request">The recording and the destination group.</param>
    /// <param name="options">Settings for this call only (timeouts, retries, response cap), or <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>A task that completes when the server answered 204.</returns>
    /// <exception cref="NotFoundException">The recording or the destination does not exist or is not visible (code 404).</exception>
    /// <exception cref="EnswitchException">The call failed; see the subclasses.</exception>
    Task CopyAsync(CopyRecordingRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Changes a recording's expiry by calling <c>recording/recordings/update</c> (an idempotent write).</summary>
    /// <param name="request">The recording and its new expiry.</param>
    /// <param name="options">Settings for this call only (timeouts, retries, response cap), or <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>A task that completes when the server answered 204.</returns>
    /// <exception cref="NotFoundException">The recording does not exist or is not visible (code 404).</exception>
    /// <exception cref="EnswitchException">The call failed; see the subclasses.</exception>
    Task UpdateAsync(UpdateRecordingRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the server to validate a recording update without applying it (<c>recording/recordings/update</c>
    /// with <c>validation=1</c>); completes on code 201.
    /// </summary>
    /// <param name="request">The update to validate.</param>
    /// <param name="options">Settings for this call only (timeouts, retries, response cap), or <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>A task that completes when the server accepted the parameters.</returns>
    /// <exception cref="EnswitchException">The call failed; see the subclasses.</exception>
    Task ValidateUpdateAsync(UpdateRecordingRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts or resumes recording a live call by calling <c>recording/recordings/start</c> (Enswitch 4.1+).
    /// The server acts asynchronously: completion means the request was accepted (204), and recording may
    /// begin a second or two later. Starting is not safe to repeat blindly, so it is retried only when
    /// nothing was sent; see <see cref="EnswitchException.OutcomeUnknown"/>.
    /// </summary>
    /// <param name="request">The live call and the channel.</param>
    /// <param name="options">Settings for this call only (timeouts, retries, response cap), or <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>A task that completes when the server accepted the request.</returns>
    /// <exception cref="NotFoundException">No such live call, or this user may not see it (code 404).</exception>
    /// <exception cref="EnswitchFeatureNotSupportedException"><see cref="EnswitchClientOptions.ServerVersion"/> is older than 4.1; nothing was sent.</exception>
    /// <exception cref="EnswitchException">The call failed; see the subclasses.</exception>
    Task StartAsync(StartRecordingRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default);
}
