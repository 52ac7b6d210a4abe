using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Enswitch.Client.Recording;

namespace Enswitch.Client.Sample;

/// <summary>
/// Parses the sample's flags into a <see cref="CreateRecordGroupRequest"/>. Arguments whose name holds
/// a colon (<c>--Enswitch:BaseAddress=...</c>) are configuration keys and are passed on untouched; they
/// are kept apart because the configuration provider would otherwise swallow a flag such as
/// <c>--validate-only</c> together with the argument after it.
/// </summary>
internal static class SampleCommandLine
{
    public const string Usage = """
        Creates an Enswitch record group and prints its id.

        Usage: Enswitch.Client.Sample --name <text> [options] [--Enswitch:<Key>=<value> ...]

        Options (an option left out is not sent, so the server's default applies):
          --name <text>               the group's name (required)
          --customer <id>             the customer to create it in (default: the user's own)
          --description <text>        a description
          --email <addresses>         where recordings are emailed
          --expiry-days <days>        how long recordings are kept; 0 = not kept (server default 365)
          --save-percentage <0-100>   share of calls recorded; 0 = on demand only (server default 100)
          --beep <seconds>            seconds between beeps while recording; 0 = none
          --announcement <who>        none, all, inbound, inbound-outbound, internal or outbound
          --owner <id>                the owner's id; 0 = none
          --record-in [true|false]    record inbound calls (server default true)
          --record-out [true|false]   record outbound calls (server default true)
          --transcribe [true|false]   transcribe recordings (Enswitch 4.2 and later)
          --validate-only             ask the server to check the group without creating it
          --help                      show this text

        Configuration: appsettings.json, then environment variables (Enswitch__BaseAddress,
        Enswitch__Username, Enswitch__Password, Enswitch__RequestMethod, Enswitch__MaxRetries, ...), then
        --Enswitch:<Key>=<value> arguments, the last one winning.

        Exit codes: 0 done; 1 unexpected error; 2 bad flags or configuration, nothing sent; 3 the server
        rejected a parameter; 4 credentials not accepted; 5 role or rate plan forbids it; 6 other server
        error; 7 outcome unknown, the group may exist: check before running again; 8 server unreachable
        or silent; 9 unusable answer; 130 cancelled.
        """;

    private static readonly string[] HelpFlags = ["--help", "-h", "-?"];

    private static readonly Option[] Options =
    [
        new("--name", "name", nameof(CreateRecordGroupRequest.Name), "a name", (r, v) => r with { Name = v }),
        new("--customer", "customer", nameof(CreateRecordGroupRequest.CustomerId), "a customer id", (r, v) => TryLong(v) is { } n ? r with { CustomerId = n } : null),
        new("--description", "description", nameof(CreateRecordGroupRequest.Description), "a description", (r, v) => r with { Description = v }),
        new("--email", "email", nameof(CreateRecordGroupRequest.Email), "an email address", (r, v) => r with { Email = v }),
        new("--expiry-days", "expires", nameof(CreateRecordGroupRequest.ExpiryDays), "a number of days", (r, v) => TryInt(v) is { } n ? r with { ExpiryDays = n } : null),
        new("--save-percentage", "fraction", nameof(CreateRecordGroupRequest.SavePercentage), "a percentage from 0 to 100", (r, v) => TryInt(v) is { } n ? r with { SavePercentage = n } : null),
        new("--beep", "beep", nameof(CreateRecordGroupRequest.BeepIntervalSeconds), "a number of seconds", (r, v) => TryInt(v) is { } n ? r with { BeepIntervalSeconds = n } : null),
        new("--announcement", "message", nameof(CreateRecordGroupRequest.Announcement), "none, all, inbound, inbound-outbound, internal or outbound", (r, v) => TryAnnouncement(v) is { } a ? r with { Announcement = a } : null),
        new("--owner", "owner", nameof(CreateRecordGroupRequest.OwnerId), "an owner id", (r, v) => TryLong(v) is { } n ? r with { OwnerId = n } : null),
        new("--record-in", "record_in", nameof(CreateRecordGroupRequest.RecordInbound), "true or false", (r, v) => TryBool(v) is { } b ? r with { RecordInbound = b } : null, IsBoolean: true),
        new("--record-out", "record_out", nameof(CreateRecordGroupRequest.RecordOutbound), "true or false", (r, v) => TryBool(v) is { } b ? r with { RecordOutbound = b } : null, IsBoolean: true),
        new("--transcribe", "transcribe", nameof(CreateRecordGroupRequest.Transcribe), "true or false", (r, v) => TryBool(v) is { } b ? r with { Transcribe = b } : null, IsBoolean: true),
    ];

    /// <summary>Returns whether the arguments ask for the usage text.</summary>
    public static bool IsHelpRequested(IEnumerable<string> args) =>
        args.Any(a => HelpFlags.Contains(a, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// Parses <paramref name="args"/>; on failure <paramref name="error"/> is one line naming the flag.
    /// An error never quotes the value of a configuration key, which may be the password.
    /// </summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out SampleArguments? arguments, [NotNullWhen(false)] out string? error)
    {
        arguments = null;
        var request = new CreateRecordGroupRequest(string.Empty);
        var validateOnly = false;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inlineValue) = Split(args[i]);
            if (!flag.StartsWith("--", StringComparison.Ordinal))
            {
                // Not quoted back: a stray argument may be a secret typed in the wrong place.
                error = $"Unexpected argument at position {i + 1}: options start with --, and a value that contains spaces must be quoted.";
                return false;
            }

            if (flag.Contains(':', StringComparison.Ordinal))
            {
                configuration.Add(args[i]);
                if (inlineValue is null)
                {
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = $"{flag} needs a value: {flag}=<value>.";
                        return false;
                    }

                    configuration.Add(args[++i]);
                }

                continue;
            }

            if (!seen.Add(flag))
            {
                error = $"{flag} is given more than once.";
                return false;
            }

            if (flag.Equals("--validate-only", StringComparison.OrdinalIgnoreCase))
            {
                if (inlineValue is not null)
                {
                    error = "--validate-only takes no value.";
                    return false;
                }

                validateOnly = true;
                continue;
            }

            var option = Array.Find(Options, o => o.Flag.Equals(flag, StringComparison.OrdinalIgnoreCase));
            if (option is null)
            {
                error = $"Unknown option {flag}. Run with --help for usage.";
                return false;
            }

            var value = inlineValue ?? TakeValue(args, ref i, option);
            if (value is null)
            {
                error = $"{flag} needs {option.Expects}.";
                return false;
            }

            if (option.Apply(request, value) is not { } applied)
            {
                error = $"{flag} needs {option.Expects}, not '{value}'.";
                return false;
            }

            request = applied;
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            error = "--name is required, for example --name \"Support line\". Run with --help for usage.";
            return false;
        }

        arguments = new SampleArguments(request, validateOnly, [.. configuration]);
        error = null;
        return true;
    }

    /// <summary>Returns the flag that sets a wire parameter (such as <c>fraction</c>), or <see langword="null"/>.</summary>
    public static string? FlagForParameter(string? wireName) =>
        Array.Find(Options, o => o.WireName == wireName)?.Flag;

    /// <summary>Returns the flag that sets a request property (such as <c>SavePercentage</c>), or <see langword="null"/>.</summary>
    public static string? FlagForProperty(string? propertyName) =>
        Array.Find(Options, o => o.PropertyName == propertyName)?.Flag;

    private static (string Flag, string? Value) Split(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (argument, null) : (argument[..equals], argument[(equals + 1)..]);
    }

    // A boolean flag alone means true; "--transcribe false" turns it off.
    private static string? TakeValue(IReadOnlyList<string> args, ref int i, Option option)
    {
        var next = i + 1 < args.Count ? args[i + 1] : null;
        if (option.IsBoolean)
        {
            if (next is not null && TryBool(next) is not null)
            {
                i++;
                return next;
            }

            return "true";
        }

        if (next is null || next.StartsWith("--", StringComparison.Ordinal))
        {
            return null;
        }

        i++;
        return next;
    }

    private static long? TryLong(string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static int? TryInt(string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static bool? TryBool(string value) => value.ToUpperInvariant() switch
    {
        "TRUE" or "YES" or "1" or "ON" => true,
        "FALSE" or "NO" or "0" or "OFF" => false,
        _ => null,
    };

    private static RecordingAnnouncement? TryAnnouncement(string value) => value.ToUpperInvariant() switch
    {
        "NONE" or "" => RecordingAnnouncement.None,
        "ALL" => RecordingAnnouncement.All,
        "INBOUND" => RecordingAnnouncement.Inbound,
        "INBOUND-OUTBOUND" or "INBOUND_OUTBOUND" => RecordingAnnouncement.InboundOutbound,
        "INTERNAL" => RecordingAnnouncement.Internal,
        "OUTBOUND" => RecordingAnnouncement.Outbound,
        _ => null,
    };

    private sealed record Option(
        string Flag,
        string WireName,
        string PropertyName,
        string Expects,
        Func<CreateRecordGroupRequest, string, CreateRecordGroupRequest?> Apply,
        bool IsBoolean = false);
}
