using System.Net.Http;

namespace Enswitch.Client.Transport;

/// <summary>
/// Thrown by the innermost handler when something above it tries to send a non-idempotent attempt a
/// second time (typically an app-wide retry handler).
/// </summary>
internal sealed class DuplicateSendRefusedException : HttpRequestException
{
    public DuplicateSendRefusedException()
        : base("Enswitch.Client refused to send a non-idempotent request a second time; an HTTP handler outside the SDK tried to repeat it.")
    {
    }
}
