namespace Enswitch.Client.Testing;

/// <summary>The credential a request authenticated with, as recorded in <see cref="EmulatorRequest.AuthenticatedWith"/>.</summary>
public enum EmulatorCredential
{
    /// <summary>The request did not authenticate: it carried no credential, or a wrong or expired one (code 401).</summary>
    None,

    /// <summary>The request authenticated with <c>auth_username</c> and <c>auth_password</c>.</summary>
    Password,

    /// <summary>The request authenticated with an <c>auth_token</c> from <c>user/login</c> (Enswitch 4.1 and later).</summary>
    Token,
}
