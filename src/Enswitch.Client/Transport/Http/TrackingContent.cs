using System.Net;

namespace Enswitch.Client.Transport;

/// <summary>
/// A request body that records when it starts to be written: until then, on HTTP/1.1, no byte of the
/// request has left the machine, which proves a failure happened before sending. GET requests carry an
/// empty one too: .NET's socket handler silently re-sends a body-less request when a reused connection
/// closes before the answer, which would repeat a create below the SDK's guard; once a body has started
/// it never does.
/// </summary>
internal sealed class TrackingContent : HttpContent
{
    private readonly byte[] _body;
    private readonly AttemptState _state;

    public TrackingContent(byte[] body, AttemptState state, bool isForm)
    {
        _body = body;
        _state = state;
        if (isForm)
        {
            // A constant, so it is added unparsed; a reader of ContentType still gets it parsed on demand.
            Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        }
    }

    /// <summary>Gets the state of the attempt this body belongs to.</summary>
    public AttemptState State => _state;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        Write(stream, CancellationToken.None);

#if NET
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        Write(stream, cancellationToken);
#endif

    private Task Write(Stream stream, CancellationToken cancellationToken)
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
