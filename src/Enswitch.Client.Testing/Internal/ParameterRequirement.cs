namespace Enswitch.Client.Testing.Internal;

/// <summary>Whether the guide requires a parameter.</summary>
internal enum ParameterRequirement
{
    /// <summary>Required: a call without it answers 400 with its name as the key.</summary>
    Yes,

    /// <summary>Optional.</summary>
    No,

    /// <summary>Optional, but the guide recommends it (for example the time window of <c>cdrs/list</c>).</summary>
    Recommended,

    /// <summary>Required in a case the guide states in prose; the emulator does not enforce it.</summary>
    Conditional,
}
