namespace Enswitch.Cli.Connection;

/// <summary>
/// The operating system's store for secrets, where <c>enswitch login</c> keeps a profile's password so that it is
/// never written in clear text to the profile file. One entry per <see cref="SecretKey"/>: a random id the profile
/// names, with the profile, server and user it belongs to.
/// </summary>
internal interface ISecretStore
{
    /// <summary>Gets the store's name for messages ("libsecret (secret-tool)", "Windows Credential Manager", ...).</summary>
    string Name { get; }

    /// <summary>Gets a value indicating whether the store can be used on this machine now.</summary>
    bool IsAvailable { get; }

    /// <summary>
    /// Returns the password saved under <paramref name="key"/>, or <see langword="null"/> when there is none, or when the
    /// entry of that id was saved for another profile, server or user.
    /// </summary>
    /// <param name="key">The entry.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<string?> ReadAsync(SecretKey key, CancellationToken cancellationToken);

    /// <summary>Saves <paramref name="password"/> under <paramref name="key"/>, replacing any saved under it before.</summary>
    /// <param name="key">The entry; its <see cref="SecretKey.Label"/> is what the store may show to the user.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    Task WriteAsync(SecretKey key, string password, CancellationToken cancellationToken);

    /// <summary>Removes the password saved under <paramref name="key"/>, if any.</summary>
    /// <param name="key">The entry.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    Task DeleteAsync(SecretKey key, CancellationToken cancellationToken);
}
