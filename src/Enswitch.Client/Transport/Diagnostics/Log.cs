using Microsoft.Extensions.Logging;

namespace Enswitch.Client.Transport;

/// <summary>
/// Every log event the SDK writes, with stable event ids. None carries a URL, a body or a credential:
/// only the function, its kind, attempt numbers, codes and durations.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Calling Enswitch function {Function} ({Kind})")]
    public static partial void CallStarting(ILogger logger, string function, OperationKind kind);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Enswitch function {Function} succeeded with code {Code} after {Attempts} attempt(s) in {ElapsedMs} ms")]
    public static partial void CallSucceeded(ILogger logger, string function, int code, int attempts, long elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Enswitch function {Function} attempt {Attempt} failed ({Failure}, HTTP {HttpStatus}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string function, int attempt, FailureClass failure, int? httpStatus, long delayMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Enswitch function {Function} failed ({Failure}, code {Code}, HTTP {HttpStatus}) after {Attempts} attempt(s) in {ElapsedMs} ms; outcome unknown: {OutcomeUnknown}")]
    public static partial void CallFailed(ILogger logger, string function, FailureClass failure, int? code, int? httpStatus, int attempts, long elapsedMs, bool outcomeUnknown);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Enswitch base address uses http:// on a host that is not a loopback address; the password crosses the network unencrypted")]
    public static partial void InsecureHttp(ILogger logger);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Enswitch function {Function} was cancelled by the caller after {Attempts} attempt(s)")]
    public static partial void CallCancelled(ILogger logger, string function, int attempts);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Enswitch function {Function} answered 404 on attempt {Attempt}, after an attempt that got no answer; taken as done (that attempt may have done it)")]
    public static partial void RetriedDeleteFoundNothing(ILogger logger, string function, int attempt);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "The options of Enswitch client {Client} changed; calls that start from now on use them")]
    public static partial void OptionsChanged(ILogger logger, string client);
}
