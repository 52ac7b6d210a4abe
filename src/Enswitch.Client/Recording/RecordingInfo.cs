using System.Text.Json;

namespace Enswitch.Client.Recording;

/// <summary>
/// One row of the server's recordings table, as <c>recording/recordings/list</c> and
/// <c>recording/recordings/get</c> return it (without the audio).
/// </summary>
/// <remarks>
/// The guide documents the rows only as "rows of the recordings table", shows <c>uniqueid</c>, and names
/// <c>start</c>, <c>totaltime</c>, <c>expires</c>, <c>cnumber</c> and <c>snumber</c> as sort columns. The
/// other typed properties follow field names seen in third-party clients (enswitch-api.md section 2.4) and
/// are <see langword="null"/> when a server does not send them. Every field the SDK does not type, or could
/// not read as its type, is kept in <see cref="AdditionalFields"/>.
/// </remarks>
/// <param name="UniqueId">The call's unique id (<c>uniqueid</c>), a string such as <c>1234567890.123456</c>.</param>
public sealed record RecordingInfo(string UniqueId)
{
    /// <summary>Gets the recording's id within the call (<c>recordid</c>), needed to get, copy or update it.</summary>
    public string? RecordId { get; init; }

    /// <summary>Gets the record group holding the recording (<c>recordgroup</c>).</summary>
    public long? RecordGroupId { get; init; }

    /// <summary>Gets when the recording started (<c>start</c>, Unix seconds).</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Gets when the recording ended (<c>end</c>, Unix seconds).</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>Gets the recording's total time (<c>totaltime</c>, seconds).</summary>
    public TimeSpan? TotalTime { get; init; }

    /// <summary>Gets when the recording expires (<c>expires</c>, Unix seconds).</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>Gets the <c>cnumber</c> column.</summary>
    public string? CNumber { get; init; }

    /// <summary>Gets the <c>snumber</c> column.</summary>
    public string? SNumber { get; init; }

    /// <summary>Gets the <c>dnumber</c> column.</summary>
    public string? DNumber { get; init; }

    /// <summary>Gets whether the recording is finished (<c>complete</c>).</summary>
    public bool? Complete { get; init; }

    /// <summary>Gets the audio's media type (<c>mimetype</c>), such as <c>audio/wav</c>.</summary>
    public string? MimeType { get; init; }

    /// <summary>Gets the audio's size in bytes (<c>size</c>).</summary>
    public long? Size { get; init; }

    /// <summary>Gets every other field the server returned, by name, as raw JSON values.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init; } = new Dictionary<string, JsonElement>();
}
