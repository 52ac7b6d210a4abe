namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// The handler <see cref="EnswitchEmulator.CreateHandler"/> gives for an in-memory emulator: every request goes to the
/// emulator's <see cref="InMemoryTransport"/>. Disposing it leaves the emulator alone, so that an
/// <c>IHttpClientFactory</c> may rotate handlers as it does socket handlers.
/// </summary>
internal sealed class InMemoryHandler : HttpMessageHandler
{
    private readonly InMemoryTransport _transport;

    public InMemoryHandler(InMemoryTransport transport) => _transport = transport;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _transport.SendAsync(request, cancellationToken);
}
