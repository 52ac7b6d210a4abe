using System.Text.Json;

namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// The <c>recording/groups/*</c> functions as the guide describes them (enswitch-api.md sections 2.2 and 2.3).
/// </summary>
internal static class RecordGroupFunctions
{
    private static readonly Dictionary<string, Version> MessageUnlisted = new(StringComparer.Ordinal) { ["message"] = EnswitchVersions.MessageUnlisted };

    private static readonly string[] Announcements = [string.Empty, "all", "inbound", "inbound_outbound", "internal", "outbound"];

    public static FunctionSpec Create { get; } = new(
        "recording/groups/create",
        EnswitchRoles.Administrator,
        FunctionSpec.Table(
            ("name", null), ("customer", null), ("description", null), ("email", null), ("expires", null),
            ("fraction", null), ("beep", EnswitchVersions.Beep), ("message", null), ("owner", null),
            ("record_in", null), ("record_out", null), ("validation", null), ("transcribe", EnswitchVersions.Transcribe)),
        HandleCreate)
    {
        Unlisted = MessageUnlisted,
    };

    /// <summary>
    /// Gets <c>recording/groups/update</c>. The guide asks for the record role; administrators may call it
    /// too, since they may create the groups in the first place.
    /// </summary>
    /// <remarks>
    /// Where the guide is silent the emulator chooses: bad values answer 400 before a missing group answers
    /// 404, and <c>validation=1</c> on a missing group answers 404 (validation includes the id). A group of
    /// another customer answers 404, as the guide says for objects the caller may not modify, even when the
    /// caller created it there with <c>customer</c>.
    /// </remarks>
    public static FunctionSpec Update { get; } = new(
        "recording/groups/update",
        EnswitchRoles.Record | EnswitchRoles.Administrator,
        FunctionSpec.Table(
            ("id", null), ("description", null), ("email", null), ("expires", null), ("fraction", null),
            ("beep", EnswitchVersions.Beep), ("message", null), ("name", null), ("owner", null),
            ("record_in", null), ("record_out", null), ("validation", null), ("transcribe", EnswitchVersions.Transcribe)),
        HandleUpdate)
    {
        Unlisted = MessageUnlisted,
    };

    /// <summary>Returns the group <c>recording/groups/create</c> stores when only a name is given: the documented defaults.</summary>
    public static EmulatedRecordGroup Defaults(long id, long customerId, string name) =>
        new(id, customerId, name, string.Empty, string.Empty, 365, 100, 0, string.Empty, 0, true, true, false);

    /// <summary>Returns the group with this id when the caller may see it (it belongs to the caller's customer).</summary>
    public static EmulatedRecordGroup? FindVisible(EmulatorState state, FunctionCall call, long id) =>
        state.RecordGroups.TryGetValue(id, out var group) && group.CustomerId == call.User.CustomerId ? group : null;

    private static FunctionResult HandleCreate(FunctionCall call, EmulatorState state)
    {
        var customer = call.Integer("customer", 1, long.MaxValue);
        if (ReadSettings(call, nameRequired: true, out var settings) is { } error)
        {
            return error;
        }

        if (call.IsValidationOnly)
        {
            return FunctionResult.Validated();
        }

        var group = settings.ApplyTo(Defaults(state.NextId(), customer ?? call.User.CustomerId, settings.Name!));
        state.RecordGroups[group.Id] = group;
        return FunctionResult.Ok(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", group.Id);
            writer.WriteEndObject();
        });
    }

    private static FunctionResult HandleUpdate(FunctionCall call, EmulatorState state)
    {
        var id = call.RequiredInteger("id", 1, long.MaxValue);
        if (call.FirstError is { } idError)
        {
            return idError;
        }

        if (ReadSettings(call, nameRequired: false, out var settings) is { } error)
        {
            return error;
        }

        if (FindVisible(state, call, id) is not { } current)
        {
            return FunctionResult.NotFound("id");
        }

        if (call.IsValidationOnly)
        {
            return FunctionResult.Validated();
        }

        // Quirk (enswitch-api.md section 4 item 9): the guide gives beep and transcribe a default of 0 on
        // update, not "current value", so a call that leaves them out resets them. A server too old to
        // know the parameter has nothing to reset.
        var reset = current with
        {
            BeepIntervalSeconds = call.Knows(EnswitchVersions.Beep) ? 0 : current.BeepIntervalSeconds,
            Transcribe = !call.Knows(EnswitchVersions.Transcribe) && current.Transcribe,
        };
        state.RecordGroups[id] = settings.ApplyTo(reset);
        return FunctionResult.NoContent();
    }

    /// <summary>
    /// Reads and checks the group settings create and update share; returns the 400 to answer, if any.
    /// The name is checked first and the announcement next, then the numbers in the guide's order.
    /// </summary>
    private static FunctionResult? ReadSettings(FunctionCall call, bool nameRequired, out Settings settings)
    {
        settings = Settings.None;
        var name = call["name"];
        if ((nameRequired || name is not null) && string.IsNullOrWhiteSpace(name))
        {
            return FunctionResult.Invalid("name", "Invalid name specified");
        }

        var message = call["message"];
        if (message is not null && !Announcements.Contains(message, StringComparer.Ordinal))
        {
            return FunctionResult.Invalid("message", "Invalid message specified");
        }

        // fraction=0 (on-demand only) is accepted from 3.14 on.
        var minimumFraction = call.Knows(EnswitchVersions.FractionZero) ? 0 : 1;
        settings = new Settings(
            name,
            call["description"],
            call["email"],
            call.Integer("expires", 0, int.MaxValue),
            call.Integer("fraction", minimumFraction, 100),
            call.Integer("beep", 0, int.MaxValue),
            message,
            call.Integer("owner", 0, long.MaxValue),
            call.Flag("record_in"),
            call.Flag("record_out"),
            call.Flag("validation"),
            call.Flag("transcribe"));
        return call.FirstError;
    }

    /// <summary>The settings a call gave; <see langword="null"/> leaves the base group's value.</summary>
    private sealed record Settings(
        string? Name,
        string? Description,
        string? Email,
        long? Expires,
        long? Fraction,
        long? Beep,
        string? Message,
        long? Owner,
        bool? RecordIn,
        bool? RecordOut,
        bool? Validation,
        bool? Transcribe)
    {
        public static Settings None { get; } = new(null, null, null, null, null, null, null, null, null, null, null, null);

        public EmulatedRecordGroup ApplyTo(EmulatedRecordGroup group) => group with
        {
            Name = Name ?? group.Name,
            Description = Description ?? group.Description,
            Email = Email ?? group.Email,
            ExpiryDays = (int?)Expires ?? group.ExpiryDays,
            SavePercentage = (int?)Fraction ?? group.SavePercentage,
            BeepIntervalSeconds = (int?)Beep ?? group.BeepIntervalSeconds,
            Announcement = Message ?? group.Announcement,
            OwnerId = Owner ?? group.OwnerId,
            RecordInbound = RecordIn ?? group.RecordInbound,
            RecordOutbound = RecordOut ?? group.RecordOutbound,
            Transcribe = Transcribe ?? group.Transcribe,
        };
    }
}
