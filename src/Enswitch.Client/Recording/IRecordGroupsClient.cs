namespace Enswitch.Client.Recording;

/// <summary>
/// Manages Enswitch record groups: the <c>recording/groups/*</c> functions.
/// </summary>
public interface IRecordGroupsClient
{
    /// <summary>
    /// Creates a record group by calling <c>recording/groups/create</c>.
    /// </summary>
    /// <remarks>
    /// A create is not safe to repeat: the SDK retries it only when a failure proves nothing was sent.
    /// If it throws an <see cref="EnswitchException"/> whose <see cref="EnswitchException.OutcomeUnknown"/>
    /// is <see langword="true"/>, the group may exist: look before creating it again.
    /// </remarks>
    /// <param name="request">The group to create.</param>
    /// <param name="options">Settings for this call only (timeouts, retries, response cap), or <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The id of the new group.</returns>
    /// <exception cref="ArgumentException">A property of <paramref name="request"/> breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="InvalidParameterException">The server rejected a parameter (code 400).</exception>
    /// <exception cref="AuthenticationException">The credentials were not accepted (code 401).</exception>
    /// <exception cref="RoleDeniedException">The user's role lacks the administrator privilege (code 402).</exception>
    /// <exception cref="RatePlanDeniedException">The user's rate plan does not permit it (code 403).</exception>
    /// <exception cref="EnswitchProtocolException">The response could not be used.</exception>
    /// <exception cref="EnswitchTransportException">No usable response arrived.</exception>
    Task<CreateRecordGroupResult> CreateAsync(CreateRecordGroupRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the server to validate a record group without creating it, by calling
    /// <c>recording/groups/create</c> with <c>validation=1</c>. It completes when the server answers
    /// code 201; nothing is stored, so it is retried like a read.
    /// </summary>
    /// <param name="request">The group to validate.</param>
    /// <param name="options">Settings for this call only (timeouts, retries, response cap), or <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>A task that completes when the server has accepted the parameters.</returns>
    /// <exception cref="ArgumentException">A property of <paramref name="request"/> breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="InvalidParameterException">The server rejected a parameter (code 400).</exception>
    /// <exception cref="EnswitchException">Any other failure, as for <see cref="CreateAsync"/>.</exception>
    Task ValidateCreateAsync(CreateRecordGroupRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes a record group by calling <c>recording/groups/update</c> (an idempotent write, retried like a
    /// read). Only the properties that are set are sent.
    /// </summary>
    /// <remarks>
    /// The guide gives <c>beep</c> and <c>transcribe</c> a default of 0 on update, not "current value", so
    /// leaving <see cref="UpdateRecordGroupRequest.BeepIntervalSeconds"/> or
    /// <see cref="UpdateRecordGroupRequest.Transcribe"/> unset may switch them off. Set them to keep them.
    /// </remarks>
    /// <param name="request">The group and the fields to change.</param>
    /// <param name="options">Settings for this call only (timeouts, retries, response cap), or <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>A task that completes when the server answered 204.</returns>
    /// <exception cref="ArgumentException">A property of <paramref name="request"/> breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="NotFoundException">The group does not exist or this user may not change it (code 404).</exception>
    /// <exception cref="EnswitchException">Any other failure, as for <see cref="CreateAsync"/>.</exception>
    Task UpdateAsync(UpdateRecordGroupRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the server to validate a record group update without applying it (<c>recording/groups/update</c>
    /// with <c>validation=1</c>); completes on code 201.
    /// </summary>
    /// <param name="request">The update to validate.</param>
    /// <param name="options">Settings for this call only (timeouts, retries, response cap), or <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>A task that completes when the server accepted the parameters.</returns>
    /// <exception cref="ArgumentException">A property of <paramref name="request"/> breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="EnswitchException">The call failed; see the subclasses.</exception>
    Task ValidateUpdateAsync(UpdateRecordGroupRequest request, EnswitchRequestOptions? options = null, CancellationToken cancellationToken = default);
}
