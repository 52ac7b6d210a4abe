namespace Enswitch.Client.Recording;

/// <summary>
/// The column <c>recording/recordings/list</c> sorts by: the <c>sort</c> parameter. The guide lists the
/// column names only; each member says which it sends.
/// </summary>
public enum RecordingSortField
{
    /// <summary>The recording's start time; sent as <c>start</c> (the server default).</summary>
    Start = 0,

    /// <summary>The recording's total time; sent as <c>totaltime</c>.</summary>
    TotalTime,

    /// <summary>The recording's expiry; sent as <c>expires</c>.</summary>
    Expires,

    /// <summary>The <c>cnumber</c> column (a number on the call; the guide does not define it further).</summary>
    CNumber,

    /// <summary>The <c>snumber</c> column (a number on the call; the guide does not define it further).</summary>
    SNumber,
}
