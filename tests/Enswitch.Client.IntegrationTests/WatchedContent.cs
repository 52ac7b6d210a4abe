using System.Net;
using System.Text;
using Enswitch.Client.Testing;

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

    /// <summary>Returns a POST of <c>recording/groups/create</c> as the default administrator to the emulator at <paramref name="baseAddress"/>.</summary>
    public static HttpRequestMessage CreateGroup(Uri baseAddress, string name, out WatchedContent content)
    {
        content = new WatchedContent($"auth_username={EnswitchEmulator.DefaultUsername}&auth_password={EnswitchEmulator.DefaultPassword}&name={name}");
        return new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "api/json/recording/groups/create/")) { Content = content };
    }

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
