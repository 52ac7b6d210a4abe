using System.CommandLine;
using System.Text.Json;
using Enswitch.Cli.Catalogue;
using Enswitch.Cli.Connection;
using Enswitch.Cli.Output;

namespace Enswitch.Cli.Commands;

/// <summary>
/// <c>enswitch profiles</c>: lists the saved profiles (name, server, user, authentication, password source, which is the
/// default) as a table, or with <c>--output json|csv</c> for scripts. It reads no password.
/// </summary>
internal static class ProfilesCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliConsole console)
    {
        var command = new Command(
            "profiles",
            "List the saved connection profiles: name, server, user, authentication (password or token), where the password comes from " +
            "(store: the OS secret store; environment: ENSWITCH_PASSWORD or --password-stdin at each run; emulator: the profile enswitch emulator saves) " +
            "and which is the default. No password is read or shown.");
        command.SetAction((parse, cancellationToken) =>
            ProfileCommands.RunAsync(console, "enswitch profiles", string.Empty, () => Task.FromResult(Run(parse, console))));
        return command;
    }

    private static int Run(ParseResult parse, CliConsole console)
    {
        var store = new ProfileStore(console.ProfileFolder);
        var file = store.Load();
        var format = parse.GetValue(GlobalOptions.Of(parse).Output);
        var printer = new AnswerPrinter(console, format, quiet: parse.GetValue(GlobalOptions.Of(parse).Quiet));
        if (file.Profiles.Count == 0 && format != OutputFormat.Json)
        {
            printer.Notice($"No profiles in {store.Path}; enswitch login saves one.");
            return Failures.ExitCodes.Success;
        }

        using var rows = JsonDocument.Parse(Rows(file, marker: format != OutputFormat.Json));
        printer.Print(CliShape.Array, rows.RootElement);
        return Failures.ExitCodes.Success;
    }

    // One object per profile, sorted by name; "default" is true or false in JSON, and a * for the eye in a table or CSV.
    private static byte[] Rows(ProfileFile file, bool marker)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (name, profile) in file.Profiles.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var isDefault = file.Default == name;
                writer.WriteStartObject();
                writer.WriteString("profile", name);
                // Without user info: a file edited by hand may hold a password there, and the tool never sends it (the SDK refuses it).
                writer.WriteString("server", profile.Server?.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped));
                writer.WriteString("user", profile.User);
                writer.WriteString("authentication", ProfileCommands.ModeName(profile.Authentication));
                writer.WriteString("password", ProfileCommands.SourceName(profile.Password));
                if (marker)
                {
                    writer.WriteString("default", isDefault ? "*" : string.Empty);
                }
                else
                {
                    writer.WriteBoolean("default", isDefault);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }
}
