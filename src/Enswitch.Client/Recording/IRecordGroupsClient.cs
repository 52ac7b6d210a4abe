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
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The id of the new group.</returns>
    /// <exception cref="ArgumentException">A property of <paramref name="request"/> breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="InvalidParameterException">The server rejected a parameter (code 400).</exception>
    /// <exception cref="AuthenticationException">The credentials were not accepted (code 401).</exception>
    /// <exception cref="RoleDeniedException">The user's role lacks the administrator privilege (code 402).</exception>
    /// <exception cref="RatePlanDeniedException">The user's rate plan does not permit it (code 403).</exception>
    /// <exception cref="EnswitchProtocolException">The response could not be used.</exception>
    /// <exception cref="EnswitchTransportException">No usable response arrived.</exception>
    Task<CreateRecordGroupResult> CreateAsync(CreateRecordGroupRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the server to validate a record group without creating it, by calling
    /// <c>recording/groups/create</c> with <c>validation=1</c>. It completes when the server answers
    /// code 201; nothing is stored, so it is retried like a read.
    /// </summary>
    /// <param name="request">The group to validate.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>A task that completes when the server has accepted the parameters.</returns>
    /// <exception cref="ArgumentException">A property of <paramref name="request"/> breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="InvalidParameterException">The server rejected a parameter (code 400).</exception>
    /// <exception cref="EnswitchException">Any other failure, as for <see cref="CreateAsync"/>.</exception>
    Task ValidateCreateAsync(CreateRecordGroupRequest request, CancellationToken cancellationToken = default);
}
