namespace Enswitch.Cli.Failures;

/// <summary>
/// The tool's exit codes, one per kind of outcome, so that a script can tell "fix the input" from "look before you
/// repeat". 0 to 9 mean what they mean for the sample; the tool adds 10 and 11.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The call succeeded (with <c>--validate-only</c>: the server accepted the input and changed nothing).</summary>
    public const int Success = 0;

    /// <summary>Something the tool does not expect; a bug to report.</summary>
    public const int Unexpected = 1;

    /// <summary>Bad arguments, a missing password or profile, a malformed option value: nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The server refused a parameter (code 400).</summary>
    public const int InvalidParameter = 3;

    /// <summary>The server did not accept the credentials (code 401).</summary>
    public const int Authentication = 4;

    /// <summary>The user's role does not allow the function (code 402, which in Enswitch means a missing role privilege).</summary>
    public const int RoleDenied = 5;

    /// <summary>Another error code from the server, known not to have changed anything.</summary>
    public const int ApiError = 6;

    /// <summary>The call may or may not have been applied: look before repeating it.</summary>
    public const int OutcomeUnknown = 7;

    /// <summary>The server could not be reached or did not answer, and nothing was applied.</summary>
    public const int Transport = 8;

    /// <summary>An answer arrived that is not a usable Enswitch response (a proxy's page, a redirect, malformed JSON).</summary>
    public const int Protocol = 9;

    /// <summary>The user's rate plan does not allow the function (code 403).</summary>
    public const int RatePlanDenied = 10;

    /// <summary>The object named does not exist (code 404).</summary>
    public const int NotFound = 11;

    /// <summary>Cancelled with Ctrl+C.</summary>
    public const int Cancelled = 130;
}
