using Enswitch.Client.Transport;
using Microsoft.Extensions.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Wraps the SDK client's primary handler, whatever the application configured, in the SDK's innermost
/// handler, after every other configuration step, so that nothing can sit between it and the socket.
/// </summary>
internal sealed class EnswitchHandlerFilter : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (builder.Name != EnswitchServiceCollectionExtensions.HttpClientName)
        {
            return;
        }

        // A replaced primary handler must not follow redirects either: a 307 would replay the form
        // body, password included, to the second host.
        switch (builder.PrimaryHandler)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler handler:
                handler.AllowAutoRedirect = false;
                break;
        }

        builder.PrimaryHandler = new EnswitchPrimaryHandler(builder.PrimaryHandler);
    };
}
