namespace Enswitch.Client.Testing.Internal;

/// <summary>The <c>user/*</c> functions the SDK needs: <c>user/login</c> with tokens (enswitch-api.md section 1.3).</summary>
internal static class UserFunctions
{
    /// <summary>
    /// Gets <c>user/login</c>: checks the credentials (as every function does) and, with <c>token=1</c> from
    /// 4.1 on, issues an authentication token to send as <c>auth_token</c> instead of the password.
    /// </summary>
    /// <remarks>
    /// The catalogue's example answer shows <c>id</c> and <c>username</c>; the emulator returns those (the id is
    /// the user's person id, numbered in order of first login) and <c>customer</c>, with the token fields.
    /// <c>auth_token_expiry</c> is 0 when tokens never expire, the guide giving only that
    /// <c>auth_token_expires</c> is then left out. A login that authenticates with a token gets a fresh token
    /// too. Any authenticated user may log in, whatever the role. TOTP (<c>auth_code</c>, <c>totp_token</c>,
    /// code 202) is not emulated; <c>user/switch</c> is served from the catalogue like any other function, so it
    /// answers the example's fields and issues no token.
    /// </remarks>
    public static FunctionSpec Login { get; } = new(
        "user/login",
        EnswitchRoles.None,
        FunctionSpec.Table(("token", EnswitchVersions.Tokens)),
        HandleLogin);

    private static FunctionResult HandleLogin(FunctionCall call, EmulatorState state)
    {
        // Before 4.1 the token parameter is unknown, so the reader sees nothing and no token is issued.
        var wantsToken = call.Flag("token") ?? false;
        if (call.FirstError is { } error)
        {
            return error;
        }

        var issued = wantsToken ? state.Tokens.Issue(call.User.Username) : null;
        return FunctionResult.Ok(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", state.PersonId(call.User.Username));
            writer.WriteString("username", call.User.Username);
            writer.WriteNumber("customer", call.User.CustomerId);
            if (issued is not null)
            {
                writer.WriteString("auth_token", issued.Token);
                writer.WriteNumber("auth_token_expiry", (long)(issued.Lifetime?.TotalSeconds ?? 0));
                if (issued.Expires is { } expires)
                {
                    writer.WriteNumber("auth_token_expires", expires.ToUnixTimeSeconds());
                }
            }

            writer.WriteEndObject();
        });
    }
}
