namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// The <c>recording/recordings/*</c> functions that change something: copy, update and start
/// (enswitch-api.md sections 2.6 to 2.8).
/// </summary>
internal static class RecordingChangeFunctions
{
    /// <summary>
    /// Gets <c>recording/recordings/copy</c>: copies a recording into another group of the caller's
    /// customer; a copy already there is left as it is (the documented no-op).
    /// </summary>
    /// <remarks>
    /// The copy keeps the original's fields, its expiry included; the guide does not say whether the
    /// destination group's retention applies instead.
    /// </remarks>
    public static FunctionSpec Copy { get; } = new(
        "recording/recordings/copy",
        EnswitchRoles.Record,
        FunctionSpec.Table(("recordgroup", null), ("uniqueid", null), ("recordid", null), ("destination", null)),
        HandleCopy);

    /// <summary>
    /// Gets <c>recording/recordings/update</c>: changes a recording's expiry (<c>expires</c>, a Unix
    /// timestamp, unlike a group's <c>expires</c> in days).
    /// </summary>
    /// <remarks>Bad values answer 400 before a missing recording answers 404, and <c>validation=1</c> checks existence too.</remarks>
    public static FunctionSpec Update { get; } = new(
        "recording/recordings/update",
        EnswitchRoles.Record,
        FunctionSpec.Table(("recordgroup", null), ("uniqueid", null), ("recordid", null), ("expires", null), ("validation", null)),
        HandleUpdate);

    /// <summary>
    /// Gets <c>recording/recordings/start</c> (Enswitch 4.1+): asks to record a live call; 204 means the
    /// request was accepted, as the server starts recording asynchronously.
    /// </summary>
    /// <remarks>
    /// Besides the actions or panel role, the guide requires the caller to be an administrator or the owner
    /// of a line on the call; it does not say which code refuses the rest. The emulator answers 402, as that
    /// rule is about who the user is, like the role check. A missing call answers 404 before ownership is
    /// checked. Live calls are not scoped by customer, and "allowed to use any line" is not emulated.
    /// </remarks>
    public static FunctionSpec Start { get; } = new(
        "recording/recordings/start",
        EnswitchRoles.Actions | EnswitchRoles.Panel,
        FunctionSpec.Table(("uniqueid", null), ("channel", null)),
        HandleStart)
    {
        Since = EnswitchVersions.RecordingStart,
    };

    private static FunctionResult HandleCopy(FunctionCall call, EmulatorState state)
    {
        var key = RecordingFunctions.ReadKey(call);
        var destination = call.RequiredInteger("destination", 1, long.MaxValue);
        if (call.FirstError is { } error)
        {
            return error;
        }

        if (!RecordingFunctions.TryLocate(state, call, key, out var recording, out _, out var notFound))
        {
            return notFound;
        }

        if (RecordGroupFunctions.FindVisible(state, call, destination) is null)
        {
            return FunctionResult.NotFound("destination");
        }

        state.Recordings.TryAdd(key with { RecordGroupId = destination }, recording with { RecordGroupId = destination });
        return FunctionResult.NoContent();
    }

    private static FunctionResult HandleUpdate(FunctionCall call, EmulatorState state)
    {
        var key = RecordingFunctions.ReadKey(call);
        var expires = call.Integer("expires", 0, RecordingFunctions.MaxUnixSeconds);
        call.Flag("validation");
        if (call.FirstError is { } error)
        {
            return error;
        }

        if (!RecordingFunctions.TryLocate(state, call, key, out var recording, out _, out var notFound))
        {
            return notFound;
        }

        if (call.IsValidationOnly)
        {
            return FunctionResult.Validated();
        }

        if (expires is { } seconds)
        {
            state.Recordings[key] = recording with { Expires = DateTimeOffset.FromUnixTimeSeconds(seconds) };
        }

        return FunctionResult.NoContent();
    }

    private static FunctionResult HandleStart(FunctionCall call, EmulatorState state)
    {
        var uniqueId = call.RequiredText("uniqueid");
        var channel = (int)(call.Integer("channel", 1, 2) ?? 1);
        if (call.FirstError is { } error)
        {
            return error;
        }

        if (!state.LiveCalls.TryGetValue(uniqueId, out var live))
        {
            return FunctionResult.NotFound("uniqueid");
        }

        var isAdministrator = (call.User.EffectiveRoles & EnswitchRoles.Administrator) != 0;
        if (!isAdministrator && live.OwnerUsername != call.User.Username)
        {
            return FunctionResult.RoleDenied();
        }

        state.RecordingStarts.Enqueue(new EmulatedRecordingStart(uniqueId, channel, call.User.Username));
        return FunctionResult.NoContent();
    }
}
