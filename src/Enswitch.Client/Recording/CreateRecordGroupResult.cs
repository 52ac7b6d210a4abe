namespace Enswitch.Client.Recording;

/// <summary>
/// The result of <c>recording/groups/create</c>.
/// </summary>
/// <param name="Id">The id of the new record group, as the server returned it in <c>data.id</c>.</param>
public sealed record CreateRecordGroupResult(long Id);
