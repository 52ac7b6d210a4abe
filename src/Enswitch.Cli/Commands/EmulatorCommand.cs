using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using Enswitch.Cli.Connection;
using Enswitch.Client.Testing;

namespace Enswitch.Cli.Commands;

/// <summary>
/// <c>enswitch emulator</c>: runs the embedded Enswitch emulator (Enswitch.Client.Testing) on 127.0.0.1 until Ctrl+C, with
/// a few objects to look at, and saves a profile for it (<c>emulator</c>, or the name <c>--profile</c> gives; the default
/// profile when there is none), so every example in the tool's README runs on a fresh machine. It replaces only a
/// profile an emulator saved (the emulator's password, a loopback server), and when it stops it removes its profile if
/// the file still holds the one it saved.
/// </summary>
internal static class EmulatorCommand
{
    /// <summary>The profile the command saves when <c>--profile</c> and <c>ENSWITCH_PROFILE</c> name none.</summary>
    public const string ProfileName = "emulator";

    /// <summary>Adds the command to <paramref name="root"/>.</summary>
    public static void Add(RootCommand root, CliConsole console)
    {
        var port = new Option<int>("--port")
        {
            Description = "The port to listen on, on 127.0.0.1; 0 (the default) takes a free one.",
            HelpName = "port",
        };
        var command = new Command(
            "emulator",
            "Run the embedded Enswitch emulator on 127.0.0.1 until Ctrl+C, and save a profile for it (the default profile when there is none): " +
            "'emulator', or the name --profile gives. Its user is admin; the profile uses the emulator's documented password, which the tool sends only to a loopback address. " +
            "A profile of that name that an emulator did not save is never replaced; stopping removes the profile.")
        {
            port,
        };
        command.SetAction((parse, cancellationToken) =>
            ProfileCommands.RunAsync(console, "enswitch emulator", string.Empty, () => RunAsync(parse, parse.GetValue(port), console, cancellationToken)));
        root.Subcommands.Add(command);
    }

    private static async Task<int> RunAsync(ParseResult parse, int port, CliConsole console, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535)
        {
            throw new CliUsageException("--port takes 0 to 65535.");
        }

        var name = ProfileCommands.NamedProfile(parse, console) ?? ProfileName;
        var store = new ProfileStore(console.ProfileFolder);

        // Checked before the port is taken (a corrupt file, a profile of that name that is not an emulator's), and again
        // when the profile is saved, under the file's lock.
        CheckReplaceable(store.Load(), name, store.Path);
        EnswitchEmulator emulator;
        try
        {
            emulator = await EnswitchEmulator.StartAsync(new EnswitchEmulatorOptions { Port = port }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception cannotListen) when (cannotListen is IOException or SocketException)
        {
            // Not a bug (1) and not a usage mistake that sent nothing to anyone (2): a network failure, as 8 is for a call.
            await console.Error.WriteLineAsync(
                $"error: the emulator cannot listen on 127.0.0.1:{port} ({cannotListen.Message.TrimEnd('.')}). " +
                "Another program probably uses the port: give another --port, or leave it out to take a free one. Nothing was saved.").ConfigureAwait(false);
            return Failures.ExitCodes.Transport;
        }

        await using (emulator.ConfigureAwait(false))
        {
            Seed(emulator);
            var ours = new Profile
            {
                Server = emulator.BaseAddress,
                User = EnswitchEmulator.DefaultUsername,
                Password = PasswordSource.Emulator,
            };
            var madeDefault = store.Update(file =>
            {
                CheckReplaceable(file, name, store.Path);
                file.Profiles[name] = ours;
                var isDefault = file.Default is null || !file.Profiles.ContainsKey(file.Default) || file.Default == name;
                if (isDefault)
                {
                    file.Default = name;
                }

                return isDefault;
            });
            await console.Output.WriteLineAsync($"Enswitch emulator listening on {emulator.BaseAddress} (user {EnswitchEmulator.DefaultUsername}).").ConfigureAwait(false);
            await console.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            await console.Error.WriteLineAsync(
                $"Saved profile '{name}'{(madeDefault ? " as the default profile" : string.Empty)}: in another terminal, run for example 'enswitch {(madeDefault ? string.Empty : $"--profile {name} ")}recording groups create --name \"Support line\"'. Ctrl+C stops the emulator and removes the profile.").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the normal way to stop.
            }

            // Only the profile this run saved: one saved meanwhile under the name (a login, another emulator) stays.
            var removed = store.Update(file =>
            {
                if (!file.Profiles.TryGetValue(name, out var saved) || saved != ours)
                {
                    return false;
                }

                file.Profiles.Remove(name);
                if (file.Default == name)
                {
                    file.Default = null;
                }

                return true;
            });
            await console.Error.WriteLineAsync(
                removed
                    ? $"Emulator stopped; profile '{name}' removed."
                    : $"Emulator stopped; profile '{name}' was saved again by another command meanwhile, so it was left in place.").ConfigureAwait(false);
        }

        return Failures.ExitCodes.Success;
    }

    // A profile an emulator saved (the emulator's password, a loopback server) may be replaced: it is a stopped emulator's,
    // or a running one's, which then leaves it alone when it stops. Any other is the user's.
    private static void CheckReplaceable(ProfileFile file, string name, string path)
    {
        if (file.Profiles.TryGetValue(name, out var existing) && existing is not { Password: PasswordSource.Emulator, Server.IsLoopback: true })
        {
            throw new CliUsageException(
                $"{path} already has a profile '{name}' ({existing.User} at {existing.Server}) that enswitch emulator did not save, and it will not replace it. " +
                $"Name the emulator's profile with --profile, for example: enswitch emulator --profile {name}-2 (then enswitch --profile {name}-2 ...). Nothing was started.");
        }
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
