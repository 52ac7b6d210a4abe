namespace Enswitch.Client.Recording;

/// <summary>
/// Which side of a live call <c>recording/recordings/start</c> records: the <c>channel</c> parameter.
/// </summary>
public enum RecordingChannel
{
    /// <summary>The calling side (the telephone); sent as <c>1</c> (the server default).</summary>
    Calling = 1,

    /// <summary>The called side; sent as <c>2</c>.</summary>
    Called = 2,
}
