using Enswitch.Cli.Catalogue;
using Enswitch.Client;

namespace Enswitch.Cli.Failures;

/// <summary>
/// Turns whatever stopped a call into one line for stderr (what happened, then what to do) and an exit code from
/// <see cref="ExitCodes"/>. The SDK's messages hold no secret, and nothing here adds one.
/// </summary>
internal static class FailureReport
{
    /// <summary>
    /// Describes a failed call of <paramref name="command"/> (<c>enswitch cdrs list</c>), whose kind says whether repeating it
    /// is safe, and whose <paramref name="parameters"/> name the option to fix when the server refuses one.
    /// </summary>
    public static (int ExitCode, string Message) Describe(Exception exception, string command, OperationKind kind, IReadOnlyList<CliParameter>? parameters = null)
    {
        var (exitCode, message) = exception switch
        {
            // The SDK checks the connection settings and the request before sending anything.
            Microsoft.Extensions.Options.OptionsValidationException e =>
                (ExitCodes.Usage, $"Invalid connection settings: {string.Join(" ", e.Failures)} Nothing was sent."),
            ArgumentException e => (ExitCodes.Usage, $"{WithoutParameterName(e)} Nothing was sent."),
            EnswitchFeatureNotSupportedException e => (ExitCodes.Usage, $"{e.Message} Nothing was sent."),

            // First: whatever the error, the call may have been applied, and repeating it may apply it twice.
            EnswitchException { OutcomeUnknown: true } e =>
                (ExitCodes.OutcomeUnknown, $"{e.Message} The outcome is unknown: '{command}' may have been applied. Look in Enswitch before you repeat it."),

            InvalidParameterException e => (ExitCodes.InvalidParameter, $"{e.Message} Fix {OptionFor(e.Key, parameters)} and run again."),
            AuthenticationException e => (ExitCodes.Authentication, $"{e.Message} Check the user and password (enswitch login, or ENSWITCH_USER and ENSWITCH_PASSWORD)."),
            RoleDeniedException e => (ExitCodes.RoleDenied, $"{e.Message} Ask for the role privilege '{command}' needs (enswitch {HelpOf(command)} --help lists the roles)."),
            RatePlanDeniedException e => (ExitCodes.RatePlanDenied, $"{e.Message} The user's rate plan must allow it."),
            NotFoundException e => (ExitCodes.NotFound, e.Message),
            EnswitchApiException e => (ExitCodes.ApiError, e.Message),
            EnswitchTransportException { RequestSent: false } e =>
                (ExitCodes.Transport, $"{e.Message} Nothing was sent: check the server address and the network, then run again."),
            // Sent, no answer, and the SDK did not call the outcome unknown: a read, or a write that is safe to repeat.
            EnswitchTransportException e when kind == OperationKind.Read => (ExitCodes.Transport, $"{e.Message} A read changes nothing; run again later."),
            EnswitchTransportException e =>
                (ExitCodes.Transport, $"{e.Message} '{command}' may have been applied; it is safe to repeat, so run it again later."),
            EnswitchProtocolException { HttpStatus: 408 or 429 or >= 500 } e =>
                (ExitCodes.Protocol, $"{e.Message} The server or a proxy in front of it is busy or failing; run again later."),
            EnswitchProtocolException e =>
                (ExitCodes.Protocol, $"{e.Message} Check that the server address is the Enswitch web server itself, not a proxy or a login page."),
            EnswitchException e => (ExitCodes.ApiError, e.Message),

            OperationCanceledException when kind == OperationKind.NonIdempotent =>
                (ExitCodes.Cancelled, $"Cancelled. If the request had already been sent, '{command}' may have been applied: look in Enswitch before you repeat it."),
            OperationCanceledException => (ExitCodes.Cancelled, "Cancelled."),

            IOException e => (ExitCodes.Unexpected, $"{e.Message}"),
            _ => (ExitCodes.Unexpected, $"Unexpected {exception.GetType().Name}: {exception.Message}"),
        };

        if (exception is EnswitchException { RetryAfter: { } retryAfter })
        {
            message += $" The server asked to wait {retryAfter.TotalSeconds:0} s before trying again.";
        }

        return (exitCode, message.ReplaceLineEndings(" "));
    }

    // The option that sends a parameter: its own (--pin-from for a secret, --help-param for a clashing name), else --param.
    private static string OptionFor(string key, IReadOnlyList<CliParameter>? parameters)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "the request";
        }

        return parameters?.FirstOrDefault(p => p.Name == key) is { } parameter
            ? parameter.Secret ? parameter.OptionName + "-from" : parameter.OptionName
            : $"--param {key}=...";
    }

    private static string HelpOf(string command) => command.StartsWith("enswitch ", StringComparison.Ordinal) ? command["enswitch ".Length..] : command;

    // ArgumentException.Message appends "(Parameter 'X')" and, for a range error, the value on a new line.
    private static string WithoutParameterName(ArgumentException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
