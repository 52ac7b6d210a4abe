namespace Enswitch.Client.Testing;

/// <summary>
/// The role privileges of the recording functions an emulated user holds; a function whose privilege is missing
/// answers code 402. Each flag also counts as the catalogue privilege of its name (<c>administrator</c>,
/// <c>record</c>, <c>actions</c>, <c>panel</c>); <see cref="EmulatedUser.Privileges"/> gives any other.
/// </summary>
[Flags]
public enum EnswitchRoles
{
    /// <summary>No privilege.</summary>
    None = 0,

    /// <summary>
    /// The administrator privilege, which <c>recording/groups/create</c> requires; it also allows
    /// <c>recording/groups/update</c>, and lets a user with actions or panel record any live call.
    /// </summary>
    Administrator = 1,

    /// <summary>The record privilege, which <c>recording/groups/update</c> and <c>recording/recordings/list</c>, <c>get</c>, <c>copy</c> and <c>update</c> require.</summary>
    Record = 2,

    /// <summary>The actions privilege, one of those that allow starting a recording on a live call.</summary>
    Actions = 4,

    /// <summary>The panel privilege, one of those that allow starting a recording on a live call.</summary>
    Panel = 8,

    /// <summary>Every privilege.</summary>
    All = Administrator | Record | Actions | Panel,
}
