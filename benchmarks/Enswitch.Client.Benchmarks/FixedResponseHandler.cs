using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace Enswitch.Client.Benchmarks;

/// <summary>
/// The in-memory transport: answers every request with the same bytes, after reading the whole request
/// body as a socket handler would, so each contender pays for producing its form body and nothing else
/// is measured but the client.
/// </summary>
/// <param name="body">The answer's bytes.</param>
/// <param name="yields">
/// Whether the answer completes asynchronously, as a socket's does: the handler yields once before it reads
/// the request, so every <c>await</c> above it suspends and each client pays for its async layers. When false,
/// the answer completes synchronously and no contender's <c>await</c> yields.
/// </param>
internal sealed class FixedResponseHandler(byte[] body, bool yields = false) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (yields)
        {
            await Task.Yield();
        }

        if (request.Content is { } content)
        {
            // Every benchmark's form is far below 4 KB; a larger one would fail here, loudly, rather than be measured.
            var buffer = ArrayPool<byte>.Shared.Rent(4096);
            try
            {
                using var sink = new MemoryStream(buffer, 0, buffer.Length, writable: true);
                await content.CopyToAsync(sink, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(body),
        };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        return response;
    }
}
