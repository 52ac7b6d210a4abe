using Enswitch.Client;

namespace Enswitch.Cli.Connection;

/// <summary>
/// One saved connection: which server, which user, how to authenticate and where the password comes from. Two profiles
/// are equal when every property is, which tells a command whether the profile it saved is still the one in the file.
/// </summary>
internal sealed record Profile
{
    /// <summary>Gets or sets the Enswitch web server's base address.</summary>
    public Uri? Server { get; set; }

    /// <summary>Gets or sets the API user name.</summary>
    public string? User { get; set; }

    /// <summary>Gets or sets the authentication mode: the password on every call, or a session token from <c>user/login</c>.</summary>
    public EnswitchAuthenticationMode Authentication { get; set; }

    /// <summary>Gets or sets where the password comes from.</summary>
    public PasswordSource Password { get; set; }

    /// <summary>
    /// Gets or sets the random id of the OS secret store's entry that holds the password (<see cref="SecretKey.Id"/>), for
    /// <see cref="PasswordSource.SecretStore"/>; it is not a secret.
    /// </summary>
    public string? SecretId { get; set; }
}
