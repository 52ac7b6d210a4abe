namespace Enswitch.Cli.Connection;

/// <summary>
/// Names one password in the OS secret store. <see cref="Id"/> is random, made by <c>enswitch login</c> and kept in the
/// profile (<see cref="Connection.Profile.SecretId"/>), so profiles of the same name in different profile files
/// (<c>ENSWITCH_CONFIG_DIR</c>) never share an entry. The store keeps the profile name, server and user with the
/// password and gives it back only when all of them match, so a password saved for one server is never read for another.
/// </summary>
/// <param name="Id">The entry's random id: 32 hexadecimal digits.</param>
/// <param name="Profile">The profile name.</param>
/// <param name="Server">The server the password belongs to.</param>
/// <param name="User">The API user the password belongs to.</param>
internal sealed record SecretKey(string Id, string Profile, Uri Server, string User)
{
    /// <summary>Gets the label a store may show to the user: profile, user and server, never the password.</summary>
    public string Label => $"enswitch profile {Profile}: {User} at {Server}";

    /// <summary>Returns the key of a new entry for a profile, with an id of its own.</summary>
    public static SecretKey New(string profile, Uri server, string user) => new(Guid.NewGuid().ToString("N"), profile, server, user);

    /// <summary>Returns the key of the entry <paramref name="profile"/> points at.</summary>
    /// <param name="name">The profile's name.</param>
    /// <param name="profile">The profile.</param>
    /// <exception cref="CliUsageException">The profile names no valid entry (the file was edited by hand).</exception>
    public static SecretKey Of(string name, Profile profile) =>
        TryOf(name, profile) ?? throw new CliUsageException($"Profile '{name}' keeps its password in the OS secret store but names no valid entry there (its secretId is missing or not 32 hexadecimal digits); run enswitch login --profile {name} again.");

    /// <summary>Returns the key of the entry <paramref name="profile"/> points at, or <see langword="null"/> when it names no valid entry.</summary>
    /// <param name="name">The profile's name.</param>
    /// <param name="profile">The profile.</param>
    public static SecretKey? TryOf(string name, Profile profile) =>
        profile is { SecretId: { } id, Server: { } server, User: { } user } && Guid.TryParseExact(id, "N", out _)
            ? new SecretKey(id, name, server, user)
            : null;
}
