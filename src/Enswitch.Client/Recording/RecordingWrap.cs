namespace Enswitch.Client.Recording;

/// <summary>
/// How <c>recording/recordings/get</c> returns the audio: the <c>wrap</c> parameter.
/// </summary>
public enum RecordingWrap
{
    /// <summary>
    /// Inside the JSON envelope, base64-encoded, with the recording's fields (<c>wrap=json</c>,
    /// <c>encoding=base64</c>; every version). The body is held once in memory, up to
    /// <see cref="EnswitchClientOptions.MaxDownloadBytes"/>, and the audio is decoded as it is read.
    /// </summary>
    Json = 0,

    /// <summary>
    /// The bare file, streamed from the network as the caller reads it (<c>wrap=none</c>; Enswitch 3.15 and
    /// later). No fields come with it, and the SDK's timeouts end when the response headers arrive.
    /// </summary>
    None = 1,
}
