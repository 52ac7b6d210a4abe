using System.Text;

namespace Enswitch.Client.Transport;

/// <summary>
/// Builds every exception the transport raises, so that messages are uniform, quote nothing secret,
/// and state the attempt count and whether the outcome is unknown.
/// </summary>
internal sealed class ErrorFactory
{
    /// <summary>What stands in the snippet for a body that is not text.</summary>
    public const string BinaryBody = "(binary content, not quoted)";

    private readonly SecretScrubber _scrubber;
    private readonly TimeProvider _timeProvider;

    public ErrorFactory(SecretScrubber scrubber, TimeProvider timeProvider)
    {
        _scrubber = scrubber;
        _timeProvider = timeProvider;
    }

    public SecretScrubber Scrubber => _scrubber;

    public EnswitchTransportException Transport(CallState call, FailureClass failure, string detail, Exception? inner, int? httpStatus = null)
    {
        var facts = Facts(call, failure, httpStatus);
        return new EnswitchTransportException(Compose(facts, detail), facts, SafeInner(call, inner));
    }

    public EnswitchProtocolException Protocol(CallState call, FailureClass failure, string detail, int? httpStatus, ReadOnlySpan<byte> body, Exception? inner = null, bool mayHaveApplied = false)
    {
        var snippet = call.Function.AnswerHoldsSecret ? string.Empty : Snippet(call.Scrubber, body);
        var text = snippet.Length == 0 ? detail : detail.TrimEnd('.') + ". The response began: " + snippet;
        var facts = Facts(call, failure, httpStatus, mayHaveApplied: mayHaveApplied);
        return new EnswitchProtocolException(Compose(facts, text, httpStatus), facts, snippet, SafeInner(call, inner));
    }

    public EnswitchApiException Api(CallState call, EnswitchEnvelope envelope, EnswitchResponseEntry entry, int httpStatus)
    {
        var responses = call.Scrubber.Scrub(envelope.Responses);
        var answer = new ApiAnswer(call.Scrubber.Scrub(entry.Key, SecretScrubber.MaxMessageLength), call.Scrubber.Scrub(entry.Message, SecretScrubber.MaxMessageLength), responses);
        var facts = Facts(call, entry.Code >= 500 ? FailureClass.ApiServerError : FailureClass.ApiError, httpStatus, entry.Code);
        return NewApiException(entry.Code, Compose(facts, Describe(entry.Code, answer.Key, answer.ServerMessage)), facts, answer, null);
    }

    /// <summary>
    /// The error for a call that was never sent because the login it needed (token authentication) failed:
    /// the same type as the login's failure, so that <c>catch (AuthenticationException)</c> still sees a
    /// refused password, with the login's envelope code and entries, but for the calling function, with the
    /// login's failure as the cause. The call itself got no answer, so <see cref="EnswitchException.HttpStatus"/> is unset.
    /// </summary>
    /// <param name="function">The function the caller called.</param>
    /// <param name="login">The login's failure.</param>
    /// <param name="refused">
    /// The call's own 401 before the login was repeated, or <see langword="null"/>: refused means not carried
    /// out, so the outcome is still known, but the call was sent and its attempts count.
    /// </param>
    public static EnswitchException LoginFailed(EnswitchFunction function, EnswitchException login, AuthenticationException? refused)
    {
        var facts = NotSentForLogin(function, refused) with { Code = login.Code, RetryAfter = login.RetryAfter };
        var reason = login is EnswitchApiException { Code: { } code } api ? Describe(code, api.Key, api.ServerMessage) : login.Message;
        var message = Compose(facts, $"the login (user/login) that this call needs failed, so the call was not {(refused is null ? "sent" : "repeated")} (the login's error is the inner exception): {reason}");
        return login switch
        {
            EnswitchApiException api2 => NewApiException(api2.Code ?? 0, message, facts, new ApiAnswer(api2.Key, api2.ServerMessage, api2.Responses), login),
            EnswitchProtocolException protocol => new EnswitchProtocolException(message, facts, protocol.BodySnippet, login),
            _ => new EnswitchTransportException(message, facts, login),
        };
    }

    /// <summary>The error for a call whose whole time budget went on waiting for the login it needed.</summary>
    public static EnswitchTransportException LoginTimedOut(EnswitchFunction function, TimeSpan totalTimeout, AuthenticationException? refused, Exception inner)
    {
        var facts = NotSentForLogin(function, refused);
        return new EnswitchTransportException(
            Compose(facts, $"the login (user/login) that this call needs did not complete within the total timeout of {totalTimeout.TotalSeconds:0.###} s, so the call was not {(refused is null ? "sent" : "repeated")}"),
            facts,
            inner);
    }

    private static FailureFacts NotSentForLogin(EnswitchFunction function, AuthenticationException? refused) =>
        new(function.Name, FailureClass.NotSent, refused?.Attempts ?? 0, OutcomeUnknown: false, RequestSent: refused is not null, HttpStatus: refused?.HttpStatus);

    private static EnswitchApiException NewApiException(int code, string message, in FailureFacts facts, in ApiAnswer answer, Exception? inner) => code switch
    {
        400 => new InvalidParameterException(message, facts, answer, inner),
        401 => new AuthenticationException(message, facts, answer, inner),
        402 => new RoleDeniedException(message, facts, answer, inner),
        403 => new RatePlanDeniedException(message, facts, answer, inner),
        404 => new NotFoundException(message, facts, answer, inner),
        _ => new EnswitchApiException(message, facts, answer, inner),
    };

    private FailureFacts Facts(CallState call, FailureClass failure, int? httpStatus, int? code = null, bool mayHaveApplied = false) =>
        new(
            call.Function.Name,
            failure,
            call.Attempts,
            OutcomeUnknown: mayHaveApplied || IsOutcomeUnknown(call, failure),
            // A later attempt that never left does not undo an earlier one that may have.
            RequestSent: call.MaybeSent || failure is not (FailureClass.NotSent or FailureClass.CircuitOpen),
            httpStatus,
            code,
            RetryAfterBeyondBudget(call, failure));

    // Retry-After is honoured only when it fits in what is left of the total budget; otherwise the call
    // fails now and tells the caller how long the server asked to wait (faults.md H5). The retry decision
    // reads this back, so the two can never disagree.
    private TimeSpan? RetryAfterBeyondBudget(CallState call, FailureClass failure) =>
        call.LastRetryAfter is { } retryAfter
        && call.Limits.MaxRetries > 0
        && RetryPolicy.ShouldRetry(call.Function.Kind, failure)
        && retryAfter >= call.Budget - _timeProvider.GetElapsedTime(call.StartTimestamp)
            ? retryAfter
            : null;

    // The last failure alone can understate it: a not-sent attempt after one that may have been sent.
    private static bool IsOutcomeUnknown(CallState call, FailureClass failure) =>
        RetryPolicy.IsOutcomeUnknown(call.Function.Kind, failure) ||
        (call.Function.Kind == OperationKind.NonIdempotent && call.MaybeSent && failure is FailureClass.NotSent or FailureClass.CircuitOpen);

    private static string Describe(int code, string key, string serverMessage)
    {
        var (what, advice) = code switch
        {
            400 => (key.Length > 0 ? $"the server rejected parameter '{key}' (code 400)" : "the server rejected an input parameter (code 400)", "fix the request; repeating it unchanged fails again"),
            401 => ("the server did not accept the credentials (code 401)", "check the user name and password"),
            402 => ("the user's role does not permit this function (code 402)", "grant the role privilege in Enswitch"),
            403 => ("the user's rate plan does not permit this function (code 403)", "change the rate plan in Enswitch"),
            404 => ("the object does not exist or this user may not see it (code 404)", string.Empty),
            >= 500 => ($"the server reported an internal error (code {code})", string.Empty),
            _ => ($"the server answered with code {code}", string.Empty),
        };

        var text = serverMessage.Length > 0 ? $"{what}: {serverMessage.TrimEnd('.')}" : what;
        return advice.Length > 0 ? $"{text}. To resolve: {advice}" : text;
    }

    private static string Compose(in FailureFacts facts, string detail, int? httpStatus = null)
    {
        var builder = new StringBuilder(160);
        builder.Append("Enswitch function '").Append(facts.Function).Append("' failed: ").Append(detail.TrimEnd().TrimEnd('.'));
        if (httpStatus is { } status)
        {
            builder.Append(" (HTTP ").Append(status).Append(')');
        }

        builder.Append(". Attempts: ").Append(facts.Attempts).Append('.');
        if (facts.OutcomeUnknown)
        {
            builder.Append(" The server may or may not have carried out this call, which is not safe to repeat: check its state before trying again.");
        }

        return builder.ToString();
    }

    private static string Snippet(SecretScrubber scrubber, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return string.Empty;
        }

        // Decode a little more than is kept, so the scrubber can still find a secret at the edge.
        var take = body[..Math.Min(body.Length, SecretScrubber.MaxSnippetLength * 4)];
        return IsBinary(take) ? BinaryBody : scrubber.Scrub(Encoding.UTF8.GetString(take), SecretScrubber.MaxSnippetLength);
    }

    // Binary content (audio where an envelope was expected) is never quoted: it means nothing in a message
    // and may be part of a recording. Control bytes other than white space make a body binary; bytes that are
    // not UTF-8 do not, since Perl CGI error pages come in ISO-8859-1.
    private static bool IsBinary(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is < 0x09 or (> 0x0D and < 0x20) or 0x7F)
            {
                return true;
            }
        }

        return false;
    }

    private static Exception? SafeInner(CallState call, Exception? inner) =>
        inner is null || call.Scrubber.ContainsSecret(inner.ToString()) ? null : inner;
}
