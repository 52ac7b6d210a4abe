namespace Enswitch.Client.Transport;

/// <summary>
/// Describes one Enswitch function: its path below <c>api/json/</c> and what repeating it would do.
/// </summary>
/// <param name="Name">The function path, for example <c>recording/groups/create</c>.</param>
/// <param name="Kind">The operation kind that drives retries.</param>
/// <param name="Since">The Enswitch version that added the function, when later than the JSON API's first (3.13).</param>
internal sealed record EnswitchFunction(string Name, OperationKind Kind, Version? Since = null)
{
    /// <summary>The path below the base address, with the trailing slash the guide's examples use.</summary>
    public string RelativePath { get; } = "api/json/" + Name + "/";

    /// <summary>
    /// Gets a value indicating whether a successful answer carries a secret the SDK cannot know beforehand
    /// (the token of a login), so that no part of the body is quoted in an exception.
    /// </summary>
    public bool AnswerHoldsSecret { get; init; }

    /// <summary>
    /// Gets a value indicating whether the function is a delete, which ends as done when a retry answers 404
    /// after an earlier attempt may have reached the server (it may have deleted the object).
    /// </summary>
    public bool DeletesIdempotently { get; init; }

    /// <summary>Gets a value indicating whether the guide runs the function without authentication, so that no credentials are sent.</summary>
    public bool Anonymous { get; init; }
}
