using System.Net;
using System.Text;

namespace Enswitch.Client.IntegrationTests;

/// <summary>A form body that records whether any of it was written, which is what "sent" means to a client.</summary>
public sealed class WatchedContent : HttpContent
{
    private readonly byte[] _body;

    public WatchedContent(string form)
    {
        _body = Encoding.UTF8.GetBytes(form);
        Headers.ContentType = new("application/x-www-form-urlencoded");
    }

    public bool Serialized { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        Serialized = true;
        return stream.WriteAsync(_body, 0, _body.Length);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
