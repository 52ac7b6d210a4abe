namespace Enswitch.Client.Testing;

/// <summary>
/// A user the emulator authenticates, with the role privileges and rate-plan permissions that decide
/// codes 402 and 403.
/// </summary>
/// <param name="Username">The user name, sent as <c>auth_username</c>.</param>
/// <param name="Password">The password, sent as <c>auth_password</c>.</param>
/// <param name="Roles">The role privileges; a function needing a missing one answers 402.</param>
/// <param name="CustomerId">The user's customer, the default customer of what the user creates.</param>
public sealed record EmulatedUser(string Username, string Password, EnswitchRoles Roles, long CustomerId)
{
    /// <summary>
    /// Gets the functions (for example <c>recording/groups/create</c>) the user's rate plan does not
    /// permit; calling one answers 403.
    /// </summary>
    public IReadOnlySet<string> RatePlanDenies { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Returns a description that does not show the password.</summary>
    /// <returns>The user name, roles and customer.</returns>
    public override string ToString() => $"EmulatedUser {{ Username = {Username}, Roles = {Roles}, CustomerId = {CustomerId} }}";
}
