namespace Enswitch.Client;

/// <summary>
/// Selects how the SDK authenticates each call.
/// </summary>
public enum EnswitchAuthenticationMode
{
    /// <summary>
    /// Every call carries <c>auth_username</c> and <c>auth_password</c> (every Enswitch version). The default.
    /// </summary>
    Password = 0,

    /// <summary>
    /// Enswitch 4.1 and later: the SDK logs in once with <c>user/login</c> and <c>token=1</c>, then sends only
    /// <c>auth_token</c>. The password crosses the network once per login, the server skips the database
    /// check of every call, and the SDK logs in again before the token expires or once after a 401.
    /// </summary>
    Token = 1,
}
