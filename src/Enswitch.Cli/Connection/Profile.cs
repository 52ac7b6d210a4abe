using Enswitch.Client;

namespace Enswitch.Cli.Connection;

/// <summary>One saved connection: which server, which user, how to authenticate and where the password comes from.</summary>
internal sealed class Profile
{
    /// <summary>Gets or sets the Enswitch web server's base address.</summary>
    public Uri? Server { get; set; }

    /// <summary>Gets or sets the API user name.</summary>
    public string? User { get; set; }

    /// <summary>Gets or sets the authentication mode: the password on every call, or a session token from <c>user/login</c>.</summary>
    public EnswitchAuthenticationMode Authentication { get; set; }

    /// <summary>Gets or sets where the password comes from.</summary>
    public PasswordSource Password { get; set; }
}
