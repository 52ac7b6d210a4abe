using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Enswitch.Client.Sample;

/// <summary>
/// Turns whatever stopped the sample into one line for stderr (what happened, then what to do) and an
/// exit code from <see cref="ExitCodes"/>. The SDK's messages hold no secret; nothing here adds one.
/// </summary>
internal static partial class FailureReport
{
    private const string CheckConfiguration = "Fix appsettings.json, the Enswitch__* environment variables or the --Enswitch:* arguments.";

    public static (int ExitCode, string Message) Describe(Exception exception, SampleArguments arguments)
    {
        var name = arguments.Request.Name;
        var (exitCode, message) = exception switch
        {
            OptionsValidationException e => (ExitCodes.Usage, $"Invalid Enswitch configuration: {string.Join(" ", e.Failures)} {CheckConfiguration}"),

            InvalidOperationException e when UnconvertibleKey(e) is { } key =>
                (ExitCodes.Usage, $"The configuration value of {key} has the wrong type. {CheckConfiguration}"),

            // The SDK checks the request before sending anything.
            ArgumentException e => (ExitCodes.Usage, $"{SampleCommandLine.FlagForProperty(e.ParamName) ?? "Invalid input"}: {WithoutParameterName(e)} Nothing was sent."),

            // A flag the configured ServerVersion does not have (--transcribe before 4.2): refused before sending.
            EnswitchFeatureNotSupportedException e => (ExitCodes.Usage, $"{e.Message} Nothing was sent."),

            // First: whatever the error, the group may exist, and running again may create a second one.
            EnswitchException { OutcomeUnknown: true } e =>
                (ExitCodes.OutcomeUnknown, $"{e.Message} Record group \"{name}\" may exist now: look for it in Enswitch before running this again."),

            InvalidParameterException e => (ExitCodes.InvalidParameter, $"{e.Message} {AdviceFor(e.Key)}"),
            AuthenticationException e => (ExitCodes.Authentication, $"{e.Message} Set Enswitch__Username and Enswitch__Password."),
            RoleDeniedException e => (ExitCodes.PermissionDenied, $"{e.Message} Creating a record group needs the administrator role."),
            RatePlanDeniedException e => (ExitCodes.PermissionDenied, e.Message),
            EnswitchApiException e => (ExitCodes.ApiError, e.Message),
            EnswitchTransportException { RequestSent: false } e =>
                (ExitCodes.Unreachable, $"{e.Message} Nothing was sent: check Enswitch__BaseAddress and the network, then run again."),
            EnswitchTransportException e => (ExitCodes.Unreachable, $"{e.Message} Nothing was created; run again later."),
            EnswitchProtocolException { HttpStatus: 408 or 429 or >= 500 } e =>
                (ExitCodes.Protocol, $"{e.Message} The server or a proxy in front of it is busy or failing; run again later."),
            EnswitchProtocolException e =>
                (ExitCodes.Protocol, $"{e.Message} Check that Enswitch__BaseAddress is the Enswitch web server itself, not a proxy or a login page."),

            OperationCanceledException when arguments.ValidateOnly => (ExitCodes.Cancelled, "Cancelled."),
            OperationCanceledException =>
                (ExitCodes.Cancelled, $"Cancelled. If the request had already been sent, record group \"{name}\" may exist: look for it before running this again."),

            _ => (ExitCodes.Unexpected, $"Unexpected {exception.GetType().Name}: {exception.Message}"),
        };

        if (exception is EnswitchException { RetryAfter: { } retryAfter })
        {
            message += $" The server asked to wait {retryAfter.TotalSeconds:0} s before trying again.";
        }

        return (exitCode, OneLine(message));
    }

    // The binder's message quotes the value, which must not be printed (it could be a secret put under
    // the wrong key); only the key is kept.
    private static string? UnconvertibleKey(InvalidOperationException exception)
    {
        var match = BinderMessage().Match(exception.Message);
        return match.Success ? match.Groups["key"].Value : null;
    }

    private static string AdviceFor(string key)
    {
        // The 4.1 and 4.2 guides list 'message'; the 4.4 guide does not (enswitch-api.md section 4, quirk 7).
        if (key == "message")
        {
            return "This server may not support --announcement (the Enswitch 4.4 guide no longer lists it); leave it out.";
        }

        return SampleCommandLine.FlagForParameter(key) is { } flag
            ? $"Fix {flag} and run again."
            : "Fix the request and run again.";
    }

    // ArgumentException.Message appends "(Parameter 'X')" and, for a range error, the value on a new line.
    private static string WithoutParameterName(ArgumentException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    [GeneratedRegex("^Failed to convert configuration value (?:.* )?at '(?<key>[^']+)' to type", RegexOptions.Singleline)]
    private static partial Regex BinderMessage();
}
