namespace Enswitch.Cli.Connection;

/// <summary>
/// The operating system's store for secrets, where <c>enswitch login</c> keeps a profile's password so that it is
/// never written in clear text to the profile file. One entry per profile name.
/// </summary>
internal interface ISecretStore
{
    /// <summary>Gets the store's name for messages ("libsecret (secret-tool)", "Windows Credential Manager", ...).</summary>
    string Name { get; }

    /// <summary>Gets a value indicating whether the store can be used on this machine now.</summary>
    bool IsAvailable { get; }

    /// <summary>Returns the password saved for <paramref name="profile"/>, or <see langword="null"/> when there is none.</summary>
    /// <param name="profile">The profile name.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<string?> ReadAsync(string profile, CancellationToken cancellationToken);

    /// <summary>Saves <paramref name="password"/> for <paramref name="profile"/>, replacing any saved before.</summary>
    /// <param name="profile">The profile name.</param>
    /// <param name="label">A label the store may show to the user (server and user name, never the password).</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    Task WriteAsync(string profile, string label, string password, CancellationToken cancellationToken);

    /// <summary>Removes the password saved for <paramref name="profile"/>, if any.</summary>
    /// <param name="profile">The profile name.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    Task DeleteAsync(string profile, CancellationToken cancellationToken);
}
