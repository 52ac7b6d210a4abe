namespace Enswitch.Client.Testing;

/// <summary>
/// The role privileges an emulated user holds; a function whose privilege is missing answers code 402.
/// </summary>
[Flags]
public enum EnswitchRoles
{
    /// <summary>No privilege.</summary>
    None = 0,

    /// <summary>The administrator privilege, which <c>recording/groups/create</c> requires.</summary>
    Administrator = 1,

    /// <summary>The record privilege, which the recording functions require.</summary>
    Record = 2,

    /// <summary>The actions privilege, one of those that allow starting a recording on a live call.</summary>
    Actions = 4,

    /// <summary>The panel privilege, one of those that allow starting a recording on a live call.</summary>
    Panel = 8,

    /// <summary>Every privilege.</summary>
    All = Administrator | Record | Actions | Panel,
}
