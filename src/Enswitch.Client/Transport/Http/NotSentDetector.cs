using System.Net.Http;

namespace Enswitch.Client.Transport;

/// <summary>
/// Decides whether a failed send proves that no byte of the request reached the server. Only such a
/// failure lets a non-idempotent call (a create) be retried.
/// </summary>
internal static class NotSentDetector
{
    /// <summary>
    /// Returns whether <paramref name="exception"/>, thrown while sending the attempt described by
    /// <paramref name="state"/>, proves the request was not sent.
    /// </summary>
    public static bool ProvesNotSent(Exception exception, AttemptState state)
    {
        // A second send of the same attempt (by an outer retry handler) is refused, but the first went.
        if (state.Sends > 1)
        {
            return false;
        }

        if (state.ProvenNotSent)
        {
            return true;
        }

#if NET
        // .NET 8+ says which phase failed; a connect-phase error proves nothing left even when the body was
        // handed to the handler before the connection was made. Where the SDK's innermost handler is in the chain, it is
        // trusted only when that handler saw exactly this one send: an outer handler's copy of the request that it never
        // saw may fail to connect after an earlier copy reached the server, and then only the body rule below can speak.
        var trustPhase = !state.ViaSdkHandler || state.Sends == 1;
        for (var current = trustPhase ? exception : null; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException http && IsConnectPhaseError(http.HttpRequestError))
            {
                return true;
            }
        }
#endif

        // The "body not started" rule: on HTTP/1.1 the headers leave together with the start of the
        // body (every SDK request has one, empty in GET mode), so a body that was never written means
        // nothing left, whatever interrupted it (a connect timeout, a cancelled connect).
        return !state.BodyStarted;
    }

#if NET
    private static bool IsConnectPhaseError(HttpRequestError error) =>
        error is HttpRequestError.NameResolutionError
            or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError
            or HttpRequestError.ProxyTunnelError;
#endif
}
