namespace Enswitch.Client.Sample;

/// <summary>
/// The sample's exit codes, one per kind of outcome, so that a script can tell "fix the input" from
/// "look before you retry". The usage text lists them too.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The group was created, or with --validate-only the server accepted it.</summary>
    public const int Success = 0;

    /// <summary>Something the sample does not expect; a bug to report.</summary>
    public const int Unexpected = 1;

    /// <summary>Bad flags or configuration (no server, invalid options): nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The server rejected a parameter (code 400): fix that flag.</summary>
    public const int InvalidParameter = 3;

    /// <summary>The server did not accept the credentials (code 401).</summary>
    public const int Authentication = 4;

    /// <summary>The user's role or rate plan forbids the call (code 402 or 403).</summary>
    public const int PermissionDenied = 5;

    /// <summary>Another error code from the server, known not to have created anything.</summary>
    public const int ApiError = 6;

    /// <summary>The group may or may not exist: check before running the sample again.</summary>
    public const int OutcomeUnknown = 7;

    /// <summary>The server could not be reached or did not answer, and nothing was created.</summary>
    public const int Unreachable = 8;

    /// <summary>
    /// An answer arrived that is not a usable Enswitch response (a proxy's page, a redirect, malformed
    /// JSON) and the SDK knows the outcome; with --validate-only read the message, which says when a
    /// server that ignored validation may have created the group.
    /// </summary>
    public const int Protocol = 9;

    /// <summary>Cancelled with Ctrl+C.</summary>
    public const int Cancelled = 130;
}
