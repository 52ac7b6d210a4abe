using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Enswitch.Client.Recording;

namespace Enswitch.Client.Sample;

/// <summary>
/// The sample's command line, on System.CommandLine: an option per field of <see cref="CreateRecordGroupRequest"/>,
/// <c>--validate-only</c>, and <c>--Enswitch:Key=value</c> arguments for the host's configuration.
/// </summary>
internal static class SampleCommandLine
{
    private const string About = """
        Creates an Enswitch record group and prints its id. An option left out is not sent, so the server's default applies.

        Configuration: appsettings.json, then environment variables (Enswitch__BaseAddress, Enswitch__Username, Enswitch__Password, Enswitch__RequestMethod, Enswitch__MaxRetries, ...), then --Enswitch:<Key>=<value> arguments, the last one winning.

        Exit codes: 0 done; 1 unexpected error; 2 bad flags or configuration, nothing sent; 3 the server rejected a parameter; 4 credentials not accepted; 5 role or rate plan forbids it; 6 other server error; 7 outcome unknown, the group may exist: check before running again; 8 server unreachable or silent; 9 unusable answer; 130 cancelled.
        """;

    private static readonly Option<string> Name = new("--name") { Description = "The group's name.", HelpName = "text", Required = true };
    private static readonly Option<long> Customer = new("--customer") { Description = "The customer to create it in (default: the user's own).", HelpName = "id" };
    private static readonly Option<string> Description = new("--description") { Description = "A description.", HelpName = "text" };
    private static readonly Option<string> Email = new("--email") { Description = "Where recordings are emailed.", HelpName = "addresses" };
    private static readonly Option<int> ExpiryDays = new("--expiry-days") { Description = "How long recordings are kept; 0 = not kept (server default 365).", HelpName = "days" };
    private static readonly Option<int> SavePercentage = new("--save-percentage") { Description = "Share of calls recorded; 0 = on demand only (server default 100).", HelpName = "0-100" };
    private static readonly Option<int> Beep = new("--beep") { Description = "Seconds between beeps while recording; 0 = none.", HelpName = "seconds" };
    private static readonly Option<RecordingAnnouncement?> Announcement = new("--announcement") { Description = "Which calls hear that they are recorded: none, all, inbound, inbound-outbound, internal or outbound.", HelpName = "who", CustomParser = ParseAnnouncement };
    private static readonly Option<long> Owner = new("--owner") { Description = "The owner's id; 0 = none.", HelpName = "id" };
    private static readonly Option<bool> RecordIn = new("--record-in") { Description = "Record inbound calls: true (also the flag alone) or false (server default true)." };
    private static readonly Option<bool> RecordOut = new("--record-out") { Description = "Record outbound calls: true (also the flag alone) or false (server default true)." };
    private static readonly Option<bool> Transcribe = new("--transcribe") { Description = "Transcribe recordings: true (also the flag alone) or false (Enswitch 4.2 and later)." };
    private static readonly Option<bool> ValidateOnly = new("--validate-only") { Description = "Ask the server to check the group without creating it." };

    // System.CommandLine splits --Enswitch:BaseAddress=... at the colon, so this option receives "BaseAddress=...".
    private static readonly Option<string[]> Settings = new($"--{EnswitchServerSelection.SectionName}") { Hidden = true, Validators = { RequireValues } };

    // The request property and the wire parameter each option sets, so that an error can name the flag to fix.
    private static readonly (Option Option, string Property, string Parameter)[] Fields =
    [
        (Name, nameof(CreateRecordGroupRequest.Name), "name"),
        (Customer, nameof(CreateRecordGroupRequest.CustomerId), "customer"),
        (Description, nameof(CreateRecordGroupRequest.Description), "description"),
        (Email, nameof(CreateRecordGroupRequest.Email), "email"),
        (ExpiryDays, nameof(CreateRecordGroupRequest.ExpiryDays), "expires"),
        (SavePercentage, nameof(CreateRecordGroupRequest.SavePercentage), "fraction"),
        (Beep, nameof(CreateRecordGroupRequest.BeepIntervalSeconds), "beep"),
        (Announcement, nameof(CreateRecordGroupRequest.Announcement), "message"),
        (Owner, nameof(CreateRecordGroupRequest.OwnerId), "owner"),
        (RecordIn, nameof(CreateRecordGroupRequest.RecordInbound), "record_in"),
        (RecordOut, nameof(CreateRecordGroupRequest.RecordOutbound), "record_out"),
        (Transcribe, nameof(CreateRecordGroupRequest.Transcribe), "transcribe"),
    ];

    /// <summary>Parses <paramref name="args"/>; <c>--help</c> is answered by invoking the result.</summary>
    public static ParseResult Parse(string[] args)
    {
        var command = new RootCommand(About);
        foreach (var field in Fields)
        {
            command.Options.Add(field.Option);
        }

        command.Options.Add(ValidateOnly);
        command.Options.Add(Settings);

        // No @file expansion: an argument that starts with @ is a value, not a file to read and quote in an error.
        return command.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
    }

    /// <summary>
    /// Returns one line saying what is wrong with the command line, or <see langword="null"/> when nothing is.
    /// It quotes no stray argument and no configuration value: either may be the password typed in the wrong place.
    /// </summary>
    public static string? UsageError(ParseResult parsed)
    {
        if (parsed.Action is not ParseErrorAction)
        {
            return null;
        }

        // A token that no option takes is an error of the command; an option's own errors belong to the option.
        var unknown = parsed.UnmatchedTokens.FirstOrDefault(token => token.StartsWith('-'));
        var optionErrors = string.Join(" ", parsed.Errors.Where(error => error.SymbolResult is not CommandResult).Select(error => error.Message));
        var message = unknown is not null ? $"Unknown option {unknown.Split('=')[0]}."
            : optionErrors.Length > 0 ? optionErrors
            : "Unexpected argument (not shown): a value that contains spaces must be quoted, and --record-in, --record-out and --transcribe take only true or false.";
        return $"{message} Run with --help for usage.";
    }

    /// <summary>Reads what a command line without errors asked for.</summary>
    public static SampleArguments Read(ParseResult parsed) => new(
        new CreateRecordGroupRequest(parsed.GetRequiredValue(Name))
        {
            CustomerId = Given(parsed, Customer),
            Description = parsed.GetValue(Description),
            Email = parsed.GetValue(Email),
            ExpiryDays = Given(parsed, ExpiryDays),
            SavePercentage = Given(parsed, SavePercentage),
            BeepIntervalSeconds = Given(parsed, Beep),
            Announcement = parsed.GetValue(Announcement),
            OwnerId = Given(parsed, Owner),
            RecordInbound = Given(parsed, RecordIn),
            RecordOutbound = Given(parsed, RecordOut),
            Transcribe = Given(parsed, Transcribe),
        },
        parsed.GetValue(ValidateOnly),
        [.. (parsed.GetValue(Settings) ?? []).Select(setting => $"--{EnswitchServerSelection.SectionName}:{setting}")]);

    /// <summary>Returns the flag that sets a wire parameter (such as <c>fraction</c>), or <see langword="null"/>.</summary>
    public static string? FlagForParameter(string? wireName) => Array.Find(Fields, f => f.Parameter == wireName).Option?.Name;

    /// <summary>Returns the flag that sets a request property (such as <c>SavePercentage</c>), or <see langword="null"/>.</summary>
    public static string? FlagForProperty(string? propertyName) => Array.Find(Fields, f => f.Property == propertyName).Option?.Name;

    // An option left out is not sent, so that the server's default applies: null, not 0 or false (a bool option has an implicit false).
    private static T? Given<T>(ParseResult parsed, Option<T> option)
        where T : struct => parsed.GetResult(option) is { Implicit: false } ? parsed.GetValue(option) : null;

    private static RecordingAnnouncement? ParseAnnouncement(ArgumentResult result)
    {
        switch (result.Tokens[0].Value.ToUpperInvariant())
        {
            case "NONE": return RecordingAnnouncement.None;
            case "ALL": return RecordingAnnouncement.All;
            case "INBOUND": return RecordingAnnouncement.Inbound;
            case "INBOUND-OUTBOUND": return RecordingAnnouncement.InboundOutbound;
            case "INTERNAL": return RecordingAnnouncement.Internal;
            case "OUTBOUND": return RecordingAnnouncement.Outbound;
            default:
                result.AddError($"--announcement needs none, all, inbound, inbound-outbound, internal or outbound, not '{result.Tokens[0].Value}'.");
                return null;
        }
    }

    // The key alone (--Enswitch:Password) would leave its value to be read as a stray argument.
    private static void RequireValues(OptionResult result)
    {
        foreach (var token in result.Tokens.Where(token => !token.Value.Contains('=', StringComparison.Ordinal)))
        {
            result.AddError($"--{EnswitchServerSelection.SectionName}:{token.Value} needs a value: --{EnswitchServerSelection.SectionName}:{token.Value}=<value>.");
        }
    }
}
