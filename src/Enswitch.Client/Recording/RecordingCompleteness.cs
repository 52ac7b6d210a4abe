namespace Enswitch.Client.Recording;

/// <summary>
/// Which recordings <c>recording/recordings/list</c> returns by state: the <c>complete</c> parameter.
/// </summary>
public enum RecordingCompleteness
{
    /// <summary>Finished recordings only; sent as <c>1</c> (the server default).</summary>
    Finished = 0,

    /// <summary>Recordings still in progress only; sent as <c>0</c>.</summary>
    InProgress = 1,

    /// <summary>Both finished and in-progress recordings; sent as <c>-1</c>.</summary>
    Both = 2,
}
