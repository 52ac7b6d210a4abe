using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// The <c>recording/recordings/*</c> functions that read recordings: list and get (enswitch-api.md
/// sections 2.4 and 2.5), and the lookup every function on one recording shares.
/// </summary>
internal static class RecordingFunctions
{
    /// <summary>The latest instant a Unix timestamp may name and still be a <see cref="DateTimeOffset"/>.</summary>
    public static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private static readonly string[] Encodings = ["raw", "base64"];
    private static readonly string[] Wraps = ["json", "none"];

    private static readonly Dictionary<string, Comparison<EmulatedRecording>> SortOrders = new(StringComparer.Ordinal)
    {
        ["cnumber"] = static (a, b) => string.CompareOrdinal(a.CallerNumber, b.CallerNumber),
        ["expires"] = static (a, b) => a.Expires.CompareTo(b.Expires),
        ["snumber"] = static (a, b) => string.CompareOrdinal(a.SourceNumber, b.SourceNumber),
        ["start"] = static (a, b) => a.Start.CompareTo(b.Start),
        ["totaltime"] = static (a, b) => a.TotalTimeSeconds.CompareTo(b.TotalTimeSeconds),
    };

    /// <summary>
    /// Gets <c>recording/recordings/list</c>: the caller's recordings, filtered, without audio.
    /// </summary>
    /// <remarks>
    /// The guide documents no 404 here, so a record group or customer the caller may not see answers 400
    /// with its key, as <c>unlimited/list</c> does for an invalid customer. <c>start</c> and <c>end</c> bound
    /// the recording's start, both inclusive; <c>called</c> and <c>caller</c> match <c>dnumber</c> and
    /// <c>cnumber</c> ignoring case, as a SQL <c>LIKE</c> would. Rows tied on the sort field come in
    /// <c>uniqueid</c>, <c>recordid</c> order, so answers are stable.
    /// </remarks>
    public static FunctionSpec List { get; } = new(
        "recording/recordings/list",
        EnswitchRoles.Record,
        FunctionSpec.Table(
            ("customer", null), ("recordgroup", null), ("start", null), ("end", null), ("called", null),
            ("caller", null), ("complete", null), ("totaltime_minimum", null), ("totaltime_maximum", null),
            ("sort", null), ("descending", null)),
        HandleList);

    /// <summary>
    /// Gets <c>recording/recordings/get</c>: one recording with its audio.
    /// </summary>
    /// <remarks>
    /// The guide does not name the digest field that <c>sha1=1</c> adds: the emulator writes <c>sha1</c>, as
    /// lowercase hex. With <c>wrap=none</c> the answer is the stored file whatever <c>encoding</c> says, and
    /// <c>sha1</c> has nowhere to go, so it is ignored; errors still come as the JSON envelope.
    /// </remarks>
    public static FunctionSpec Get { get; } = new(
        "recording/recordings/get",
        EnswitchRoles.Record,
        FunctionSpec.Table(
            ("recordgroup", null), ("uniqueid", null), ("recordid", null), ("encoding", null), ("sha1", null),
            ("wrap", EnswitchVersions.Wrap)),
        HandleGet);

    /// <summary>Reads the three parameters that name one recording, all required.</summary>
    public static RecordingKey ReadKey(FunctionCall call) =>
        new(call.RequiredInteger("recordgroup", 1, long.MaxValue), call.RequiredText("uniqueid"), call.RequiredText("recordid"));

    /// <summary>
    /// Finds a recording the caller may see; otherwise gives the 404 to answer, keyed on
    /// <c>recordgroup</c> when the group is missing or another customer's, else on <c>uniqueid</c>.
    /// </summary>
    public static bool TryLocate(
        EmulatorState state,
        FunctionCall call,
        RecordingKey key,
        [NotNullWhen(true)] out EmulatedRecording? recording,
        [NotNullWhen(true)] out EmulatedRecordGroup? group,
        [NotNullWhen(false)] out FunctionResult? notFound)
    {
        recording = null;
        group = RecordGroupFunctions.FindVisible(state, call, key.RecordGroupId);
        notFound = group is null ? FunctionResult.NotFound("recordgroup")
            : !state.Recordings.TryGetValue(key, out recording) ? FunctionResult.NotFound("uniqueid")
            : null;
        return notFound is null;
    }

    private static FunctionResult HandleList(FunctionCall call, EmulatorState state)
    {
        var customer = call.Integer("customer", 1, long.MaxValue);
        var recordGroup = call.Integer("recordgroup", 1, long.MaxValue);
        var start = call.Integer("start", 0, long.MaxValue) ?? 0;
        var end = call.Integer("end", 0, long.MaxValue) ?? call.Now.ToUnixTimeSeconds();
        var called = call["called"] ?? string.Empty;
        var caller = call["caller"] ?? string.Empty;
        var complete = call.Integer("complete", -1, 1) ?? 1;
        var minimum = call.Integer("totaltime_minimum", 0, int.MaxValue) ?? 0;
        var maximum = call.Integer("totaltime_maximum", -1, int.MaxValue) ?? -1;
        var order = SortOrders[call.Choice("sort", "start", SortOrders.Keys)];
        var descending = call.Flag("descending") ?? false;
        if (call.FirstError is { } error)
        {
            return error;
        }

        // The guide: pass customer or recordgroup, not both.
        if (customer is not null && recordGroup is not null)
        {
            return FunctionResult.Invalid("recordgroup", "Specify either customer or recordgroup, not both");
        }

        if (customer is not null && customer != call.User.CustomerId)
        {
            return FunctionResult.Invalid("customer", "Invalid customer specified");
        }

        if (recordGroup is { } id && RecordGroupFunctions.FindVisible(state, call, id) is null)
        {
            return FunctionResult.Invalid("recordgroup", "Invalid recordgroup specified");
        }

        var groups = state.RecordGroups.Values
            .Where(g => g.CustomerId == call.User.CustomerId && (recordGroup is null || g.Id == recordGroup))
            .ToDictionary(g => g.Id);
        var rows = state.Recordings.Values
            .Where(r => groups.ContainsKey(r.RecordGroupId)
                && r.Start.ToUnixTimeSeconds() >= start && r.Start.ToUnixTimeSeconds() <= end
                && r.CalledNumber.Contains(called, StringComparison.OrdinalIgnoreCase)
                && r.CallerNumber.Contains(caller, StringComparison.OrdinalIgnoreCase)
                && (complete == -1 || r.Complete == (complete == 1))
                && r.TotalTimeSeconds >= minimum && (maximum == -1 || r.TotalTimeSeconds <= maximum))
            .ToList();
        rows.Sort((a, b) =>
        {
            var compared = order(a, b);
            compared = compared != 0 ? compared : string.CompareOrdinal(a.UniqueId, b.UniqueId);
            compared = compared != 0 ? compared : string.CompareOrdinal(a.RecordId, b.RecordId);
            return descending ? -compared : compared;
        });
        return FunctionResult.Ok(writer =>
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                RecordingRow.WriteFields(writer, row, groups[row.RecordGroupId]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    private static FunctionResult HandleGet(FunctionCall call, EmulatorState state)
    {
        var key = ReadKey(call);
        var encoding = call.Choice("encoding", "raw", Encodings);
        var sha1 = call.Flag("sha1") ?? false;

        // Before 3.15 wrap is unknown, so the reader sees nothing and the file comes wrapped.
        var wrap = call.Choice("wrap", "json", Wraps);
        if (call.FirstError is { } error)
        {
            return error;
        }

        if (!TryLocate(state, call, key, out var recording, out var group, out var notFound))
        {
            return notFound;
        }

        if (wrap == "none")
        {
            return AudioResponse.Bare(recording);
        }

        var digest = sha1 ? AudioResponse.Sha1Hex(recording.Audio) : null;
        return AudioResponse.Wrapped(
            writer =>
            {
                RecordingRow.WriteFields(writer, recording, group);
                if (digest is not null)
                {
                    writer.WriteString("sha1", digest);
                }
            },
            recording.Audio,
            base64: encoding == "base64");
    }
}
