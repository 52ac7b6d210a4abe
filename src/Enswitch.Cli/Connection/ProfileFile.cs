namespace Enswitch.Cli.Connection;

/// <summary>The contents of <c>profiles.json</c>: the named profiles and which one is used when none is named.</summary>
internal sealed class ProfileFile
{
    /// <summary>Gets or sets the profile used when neither <c>--profile</c> nor <c>ENSWITCH_PROFILE</c> names one.</summary>
    public string? Default { get; set; }

    /// <summary>Gets or sets the profiles by name.</summary>
    public Dictionary<string, Profile> Profiles { get; set; } = new(StringComparer.Ordinal);
}
