namespace Enswitch.Client.Recording;

/// <summary>
/// The order <c>recording/recordings/list</c> sorts in: the <c>descending</c> parameter.
/// </summary>
public enum RecordingSortDirection
{
    /// <summary>Smallest first; sent as <c>descending=0</c> (the server default).</summary>
    Ascending = 0,

    /// <summary>Largest first; sent as <c>descending=1</c>.</summary>
    Descending = 1,
}
