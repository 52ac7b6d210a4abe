using System.Text.Json;

namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// The <c>recording/groups/*</c> functions as the guide describes them (enswitch-api.md section 2.2).
/// </summary>
internal static class RecordGroupFunctions
{
    private static readonly string[] Announcements = [string.Empty, "all", "inbound", "inbound_outbound", "internal", "outbound"];

    public static FunctionSpec Create { get; } = new(
        "recording/groups/create",
        EnswitchRoles.Administrator,
        FunctionSpec.Table(
            ("name", null), ("customer", null), ("description", null), ("email", null), ("expires", null),
            ("fraction", null), ("beep", new Version(3, 15)), ("message", null), ("owner", null),
            ("record_in", null), ("record_out", null), ("validation", null), ("transcribe", new Version(4, 2))),
        HandleCreate);

    private static FunctionResult HandleCreate(FunctionCall call, EmulatorState state)
    {
        var name = call["name"];
        if (string.IsNullOrWhiteSpace(name))
        {
            return FunctionResult.Invalid("name", "Invalid name specified");
        }

        // fraction=0 (on-demand only) is accepted from 3.14 on.
        var minimumFraction = call.Knows(new Version(3, 14)) ? 0 : 1;
        var message = call["message"] ?? string.Empty;
        if (!Announcements.Contains(message, StringComparer.Ordinal))
        {
            return FunctionResult.Invalid("message", "Invalid message specified");
        }

        var customer = call.Integer("customer", 1, long.MaxValue);
        var expires = call.Integer("expires", 0, int.MaxValue);
        var fraction = call.Integer("fraction", minimumFraction, 100);
        var beep = call.Knows(new Version(3, 15)) ? call.Integer("beep", 0, int.MaxValue) : null;
        var owner = call.Integer("owner", 0, long.MaxValue);
        var recordIn = call.Flag("record_in");
        var recordOut = call.Flag("record_out");
        call.Flag("validation");
        var transcribe = call.Knows(new Version(4, 2)) ? call.Flag("transcribe") : null;
        if (call.FirstError is { } error)
        {
            return error;
        }

        if (call.IsValidationOnly)
        {
            return FunctionResult.Validated();
        }

        var group = new EmulatedRecordGroup(
            state.NextId(),
            customer ?? call.User.CustomerId,
            name,
            call["description"] ?? string.Empty,
            call["email"] ?? string.Empty,
            (int)(expires ?? 365),
            (int)(fraction ?? 100),
            (int)(beep ?? 0),
            message,
            owner ?? 0,
            recordIn ?? true,
            recordOut ?? true,
            transcribe ?? false);
        state.RecordGroups[group.Id] = group;
        return FunctionResult.Ok(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", group.Id);
            writer.WriteEndObject();
        });
    }
}
