using System.CommandLine;
using System.Globalization;
using Enswitch.Cli.Connection;
using Enswitch.Client.Testing;

namespace Enswitch.Cli.Commands;

/// <summary>
/// <c>enswitch emulator</c>: runs the embedded Enswitch emulator (Enswitch.Client.Testing) on 127.0.0.1 until Ctrl+C, with
/// a few objects to look at, and saves the profile <c>emulator</c> for it (the default profile when there is none), so
/// every example in the tool's README runs on a fresh machine. The profile is removed again when the emulator stops.
/// </summary>
internal static class EmulatorCommand
{
    /// <summary>The profile the command saves.</summary>
    public const string ProfileName = "emulator";

    /// <summary>Adds the command to <paramref name="root"/>.</summary>
    public static void Add(RootCommand root, CliConsole console)
    {
        var port = new Option<int>("--port")
        {
            Description = "The port to listen on, on 127.0.0.1; 0 (the default) takes a free one.",
            HelpName = "port",
        };
        var command = new Command("emulator", "Run the embedded Enswitch emulator on 127.0.0.1 until Ctrl+C, and save the profile 'emulator' for it (the default profile when there is none). Its user is admin; the profile uses the emulator's documented password, which the tool sends only to a loopback address.")
        {
            port,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(port), console, cancellationToken));
        root.Subcommands.Add(command);
    }

    private static async Task<int> RunAsync(int port, CliConsole console, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535)
        {
            await console.Error.WriteLineAsync("error: --port takes 0 to 65535.").ConfigureAwait(false);
            return Failures.ExitCodes.Usage;
        }

        await using var emulator = await EnswitchEmulator.StartAsync(new EnswitchEmulatorOptions { Port = port }, cancellationToken).ConfigureAwait(false);
        Seed(emulator);
        var store = new ProfileStore(console.ProfileFolder);
        var file = store.Load();
        file.Profiles[ProfileName] = new Profile
        {
            Server = emulator.BaseAddress,
            User = EnswitchEmulator.DefaultUsername,
            Password = PasswordSource.Emulator,
        };
        var madeDefault = file.Default is null || !file.Profiles.ContainsKey(file.Default);
        if (madeDefault)
        {
            file.Default = ProfileName;
        }

        store.Save(file);
        await console.Output.WriteLineAsync($"Enswitch emulator listening on {emulator.BaseAddress} (user {EnswitchEmulator.DefaultUsername}).").ConfigureAwait(false);
        await console.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await console.Error.WriteLineAsync(
            $"Saved profile '{ProfileName}'{(madeDefault ? " as the default profile" : string.Empty)}: in another terminal, run for example 'enswitch {(madeDefault ? string.Empty : "--profile emulator ")}recording groups create --name \"Support line\"'. Ctrl+C stops the emulator and removes the profile.").ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the normal way to stop.
        }
        finally
        {
            var now = store.Load();
            if (now.Profiles.TryGetValue(ProfileName, out var saved) && saved.Server == emulator.BaseAddress)
            {
                now.Profiles.Remove(ProfileName);
                if (now.Default == ProfileName)
                {
                    now.Default = null;
                }

                store.Save(now);
            }
        }

        await console.Error.WriteLineAsync("Emulator stopped; profile 'emulator' removed.").ConfigureAwait(false);
        return Failures.ExitCodes.Success;
    }

    // A few objects, so that lists and gets show something; the README's examples name their ids: record group 1 with one
    // recording (uniqueid 1700000000.1, recordid 1), customer 2, phone 3, number 4, and three CDRs.
    private static void Seed(EnswitchEmulator emulator)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var group = emulator.AddRecordGroup("Support line");
        emulator.AddRecording(new EmulatedRecording(
            group.Id, "1700000000.1", "1", start, start.AddSeconds(42), 42, "15551234567", "15551234567", "1001", true, "audio/wav", start.AddDays(30),
            "RIFF...WAVEfmt "u8.ToArray()));
        emulator.AddObject("customers", [new("name", "Example Ltd"), new("account", "EX-1001")]);
        emulator.AddObject("phones", [new("name", "Reception"), new("number", "1001")]);
        emulator.AddObject("numbers", [new("number", "15551234567"), new("description", "Main line")]);
        for (var i = 0; i < 3; i++)
        {
            emulator.AddObject("cdrs", [
                new("start", start.AddMinutes(i * 7).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                new("snumber", "1001"),
                new("cnumber", "1555123456" + i.ToString(CultureInfo.InvariantCulture)),
                new("talktime", (30 + (i * 45)).ToString(CultureInfo.InvariantCulture)),
            ]);
        }
    }
}
