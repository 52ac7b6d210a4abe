using System.Net;
using System.Net.Http.Headers;

namespace Enswitch.Client.Transport;

/// <summary>
/// A form body that records when it starts to be written: until then, on HTTP/1.1, no byte of the
/// request has left the machine, which proves a failure happened before sending.
/// </summary>
internal sealed class TrackingFormContent : HttpContent
{
    private readonly byte[] _body;
    private readonly AttemptState _state;

    public TrackingFormContent(byte[] body, AttemptState state)
    {
        _body = body;
        _state = state;
        Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _state.BodyStarted = true;
        return stream.WriteAsync(_body, 0, _body.Length, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
