using System.Text;

namespace Enswitch.Client.Transport;

/// <summary>
/// Builds every exception the transport raises, so that messages are uniform, quote nothing secret,
/// and state the attempt count and whether the outcome is unknown.
/// </summary>
internal sealed class ErrorFactory
{
    private readonly SecretScrubber _scrubber;

    public ErrorFactory(SecretScrubber scrubber) => _scrubber = scrubber;

    public SecretScrubber Scrubber => _scrubber;

    public EnswitchTransportException Transport(CallState call, FailureClass failure, string detail, Exception? inner) =>
        Finish(new EnswitchTransportException(Compose(call, failure, detail), call.Function.Name, failure, SafeInner(inner)), call);

    public EnswitchProtocolException Protocol(CallState call, FailureClass failure, string detail, int? httpStatus, ReadOnlySpan<byte> body, Exception? inner = null)
    {
        var snippet = call.Function.AnswerHoldsSecret ? string.Empty : Snippet(body);
        var text = snippet.Length == 0 ? detail : detail.TrimEnd('.') + ". The response began: " + snippet;
        return Finish(
            new EnswitchProtocolException(Compose(call, failure, text, httpStatus), call.Function.Name, failure, SafeInner(inner))
            {
                HttpStatus = httpStatus,
                BodySnippet = snippet,
            },
            call);
    }

    public EnswitchApiException Api(CallState call, EnswitchEnvelope envelope, EnswitchResponseEntry entry, int httpStatus)
    {
        var responses = new EnswitchResponseEntry[envelope.Responses.Count];
        for (var i = 0; i < responses.Length; i++)
        {
            var r = envelope.Responses[i];
            responses[i] = r with
            {
                Key = _scrubber.Scrub(r.Key, SecretScrubber.MaxMessageLength),
                Message = _scrubber.Scrub(r.Message, SecretScrubber.MaxMessageLength),
            };
        }

        var key = _scrubber.Scrub(entry.Key, SecretScrubber.MaxMessageLength);
        var serverMessage = _scrubber.Scrub(entry.Message, SecretScrubber.MaxMessageLength);
        var failure = entry.Code >= 500 ? FailureClass.ApiServerError : FailureClass.ApiError;
        var detail = Describe(entry.Code, key, serverMessage);
        var message = Compose(call, failure, detail);
        var function = call.Function.Name;
        EnswitchApiException exception = entry.Code switch
        {
            400 => new InvalidParameterException(message, function, failure),
            401 => new AuthenticationException(message, function, failure),
            402 => new RoleDeniedException(message, function, failure),
            403 => new RatePlanDeniedException(message, function, failure),
            404 => new NotFoundException(message, function, failure),
            _ => new EnswitchApiException(message, function, failure) { Code = entry.Code },
        };

        return Finish(exception, call, httpStatus, key, serverMessage, responses);
    }

    private static T Finish<T>(T exception, CallState call)
        where T : EnswitchException
    {
        exception.SetOutcome(call.Attempts, IsOutcomeUnknown(call, exception.Failure));
        if (exception is EnswitchTransportException transport)
        {
            // A later attempt that never left does not undo an earlier one that may have.
            transport.SetRequestSent(call.MaybeSent || exception.Failure is not (FailureClass.NotSent or FailureClass.CircuitOpen));
        }

        return exception;
    }

    // The last failure alone can understate it: a not-sent attempt after one that may have been sent.
    private static bool IsOutcomeUnknown(CallState call, FailureClass failure) =>
        RetryPolicy.IsOutcomeUnknown(call.Function.Kind, failure) ||
        (call.Function.Kind == OperationKind.NonIdempotent && call.MaybeSent && failure is FailureClass.NotSent or FailureClass.CircuitOpen);

    private static EnswitchApiException Finish(EnswitchApiException exception, CallState call, int httpStatus, string key, string serverMessage, EnswitchResponseEntry[] responses)
    {
        exception.SetDetails(httpStatus, key, serverMessage, responses);
        return Finish(exception, call);
    }

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

    private static string Compose(CallState call, FailureClass failure, string detail, int? httpStatus = null)
    {
        var builder = new StringBuilder(160);
        builder.Append("Enswitch function '").Append(call.Function.Name).Append("' failed: ").Append(detail.TrimEnd().TrimEnd('.'));
        if (httpStatus is { } status)
        {
            builder.Append(" (HTTP ").Append(status).Append(')');
        }

        builder.Append(". Attempts: ").Append(call.Attempts).Append('.');
        if (IsOutcomeUnknown(call, failure))
        {
            builder.Append(" The server may or may not have carried out this call, which is not safe to repeat: check its state before trying again.");
        }

        return builder.ToString();
    }

    private string Snippet(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return string.Empty;
        }

        // Decode a little more than is kept, so the scrubber can still find a secret at the edge.
        var take = body[..Math.Min(body.Length, SecretScrubber.MaxSnippetLength * 4)];
        return _scrubber.Scrub(Encoding.UTF8.GetString(take), SecretScrubber.MaxSnippetLength);
    }

    private Exception? SafeInner(Exception? inner) =>
        inner is null || _scrubber.ContainsSecret(inner.ToString()) ? null : inner;
}
