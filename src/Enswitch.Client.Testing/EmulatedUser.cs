namespace Enswitch.Client.Testing;

/// <summary>
/// A user the emulator authenticates, with the role privileges and rate-plan permissions that decide
/// codes 402 and 403.
/// </summary>
/// <remarks>
/// A function the catalogue gives role privileges to (see <c>docs/functions.md</c>) answers 402 unless the user
/// holds at least one of them; a function with none answers any authenticated user. The user holds a privilege
/// when <see cref="HasEveryPrivilege"/> is set, when <see cref="Privileges"/> names it, or when it is one of the
/// four <see cref="EnswitchRoles"/> flags in <see cref="Roles"/> (<c>administrator</c>, <c>record</c>,
/// <c>actions</c>, <c>panel</c>). The emulator's default administrator has every privilege.
/// </remarks>
/// <param name="Username">The user name, sent as <c>auth_username</c>.</param>
/// <param name="Password">The password, sent as <c>auth_password</c>.</param>
/// <param name="Roles">The role privileges of the recording functions; a function needing a missing one answers 402.</param>
/// <param name="CustomerId">The user's customer, the default customer of what the user creates.</param>
public sealed record EmulatedUser(string Username, string Password, EnswitchRoles Roles, long CustomerId)
{
    /// <summary>The catalogue's names of the privileges that <see cref="EnswitchRoles"/> flags stand for.</summary>
    private static readonly (string Name, EnswitchRoles Flag)[] RoleNames =
    [
        ("administrator", EnswitchRoles.Administrator),
        ("record", EnswitchRoles.Record),
        ("actions", EnswitchRoles.Actions),
        ("panel", EnswitchRoles.Panel),
    ];

    /// <summary>
    /// Gets the functions (for example <c>recording/groups/create</c>) the user's rate plan does not
    /// permit; calling one answers 403.
    /// </summary>
    public IReadOnlySet<string> RatePlanDenies { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets the role privileges the user holds besides <see cref="Roles"/>, named as the catalogue names them
    /// (for example <c>cdrs</c>, <c>commerce</c>, <c>system</c>; the roles column of <c>docs/functions.md</c>
    /// lists each function's), so that a test can give or withhold any of them.
    /// </summary>
    public IReadOnlySet<string> Privileges { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets a value indicating whether the user holds every role privilege, whatever <see cref="Roles"/> and
    /// <see cref="Privileges"/> say; the emulator's default administrator does.
    /// </summary>
    public bool HasEveryPrivilege { get; init; }

    /// <summary>Returns whether the user holds a role privilege.</summary>
    /// <param name="privilege">The privilege as the catalogue names it, for example <c>cdrs</c>.</param>
    /// <returns><see langword="true"/> when <see cref="HasEveryPrivilege"/> is set, <see cref="Privileges"/> names it, or <see cref="Roles"/> has its flag.</returns>
    public bool HasPrivilege(string privilege)
    {
        ArgumentNullException.ThrowIfNull(privilege);
        return HasEveryPrivilege
            || Privileges.Contains(privilege)
            || RoleNames.Any(r => r.Name == privilege && (Roles & r.Flag) != 0);
    }

    /// <summary>Gets the <see cref="EnswitchRoles"/> flags the user holds, counting those given by name in <see cref="Privileges"/>.</summary>
    internal EnswitchRoles EffectiveRoles =>
        RoleNames.Where(r => HasPrivilege(r.Name)).Aggregate(Roles, (roles, r) => roles | r.Flag);

    /// <summary>Returns a description that does not show the password.</summary>
    /// <returns>The user name, roles, privileges and customer.</returns>
    public override string ToString() =>
        $"EmulatedUser {{ Username = {Username}, Roles = {Roles}, Privileges = {(HasEveryPrivilege ? "every" : "[" + string.Join(", ", Privileges.Order(StringComparer.Ordinal)) + "]")}, CustomerId = {CustomerId} }}";
}
