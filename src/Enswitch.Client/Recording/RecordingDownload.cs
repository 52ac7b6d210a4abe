namespace Enswitch.Client.Recording;

/// <summary>
/// A downloaded recording: the audio as a stream the caller reads and disposes, and what the server said
/// about it. Dispose it to release the connection or the buffer behind the stream.
/// </summary>
public sealed class RecordingDownload : IDisposable, IAsyncDisposable
{
    private readonly IDisposable? _owner;

    /// <summary>Initializes a new instance of the <see cref="RecordingDownload"/> class, for tests and fakes.</summary>
    /// <param name="content">The audio.</param>
    /// <param name="contentType">The audio's media type, if known.</param>
    /// <param name="recording">The recording's fields, if the server sent them.</param>
    /// <param name="sha1">The SHA-1 the server sent, if any.</param>
    public RecordingDownload(Stream content, string? contentType = null, RecordingInfo? recording = null, string? sha1 = null)
        : this(content, contentType, recording, sha1, null)
    {
    }

    internal RecordingDownload(Stream content, string? contentType, RecordingInfo? recording, string? sha1, IDisposable? owner)
    {
        Content = content ?? throw new ArgumentNullException(nameof(content));
        ContentType = contentType;
        Recording = recording;
        Sha1 = sha1;
        _owner = owner;
    }

    /// <summary>
    /// Gets the audio. With <see cref="RecordingWrap.Json"/> it is decoded from base64 as it is read, from
    /// the one copy of the body the SDK holds; with <see cref="RecordingWrap.None"/> it streams from the network.
    /// </summary>
    public Stream Content { get; }

    /// <summary>Gets the audio's media type: the recording's <c>mimetype</c>, or the response's Content-Type for a bare file.</summary>
    public string? ContentType { get; }

    /// <summary>Gets the recording's fields, or <see langword="null"/> for a bare file (<see cref="RecordingWrap.None"/>).</summary>
    public RecordingInfo? Recording { get; }

    /// <summary>
    /// Gets the SHA-1 the server sent when asked with <see cref="GetRecordingRequest.IncludeSha1"/>. The guide
    /// does not name its field; the SDK reads <c>sha1</c> and leaves this <see langword="null"/> otherwise.
    /// </summary>
    public string? Sha1 { get; }

    /// <summary>Releases the stream and the connection or buffer behind it.</summary>
    public void Dispose()
    {
        Content.Dispose();
        _owner?.Dispose();
    }

    /// <summary>Releases the stream and the connection or buffer behind it.</summary>
    /// <returns>A task that completes when everything is released.</returns>
    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _owner?.Dispose();
    }
}
