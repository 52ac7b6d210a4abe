using System.Text.Json;
using Enswitch.Cli.Connection;
using Enswitch.Client.Testing;

namespace Enswitch.Cli.Tests;

/// <summary>
/// <c>enswitch emulator</c> when things are not as on a fresh machine: a port in use, a corrupt profile file, a profile
/// of its name that the user saved. Each failure is one line on stderr and an exit code; it never replaces or removes a
/// profile it did not save.
/// </summary>
public class EmulatorCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnAPortInUse_ExitsWithTheTransportCode_AndOneLineSayingWhatToDo()
    {
        await using var busy = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var cli = new CliRun();
        var port = busy.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await cli.RunAsync(["emulator", "--port", port]);

        Assert.Equal(8, result.ExitCode);
        Assert.Empty(result.Stdout);
        var line = Assert.Single(result.Stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"error: the emulator cannot listen on 127.0.0.1:{port} (", line, StringComparison.Ordinal);
        Assert.EndsWith("Another program probably uses the port: give another --port, or leave it out to take a free one. Nothing was saved.", line, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.ProfilePath));
    }

    [Fact]
    public async Task WithACorruptProfileFile_ExitsWithTheUsageCode_AndTheFilesMessage_AndLeavesItAlone()
    {
        using var cli = new CliRun();
        File.WriteAllText(cli.ProfilePath, "{ \"profiles\": ");

        var result = await cli.RunAsync(["emulator"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        var line = Assert.Single(result.Stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"error: {cli.ProfilePath} is not a valid profile file (", line, StringComparison.Ordinal);
        Assert.EndsWith("fix or delete it, then run enswitch login.", line, StringComparison.Ordinal);
        Assert.Equal("{ \"profiles\": ", File.ReadAllText(cli.ProfilePath));
    }

    [Fact]
    public async Task WhenTheUserHasAProfileCalledEmulator_RefusesToStart_NamingProfile_AndKeepsIt()
    {
        await using var server = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var cli = new CliRun();
        await cli.LoginAsync(server, "--profile", "emulator");
        var before = cli.ProfileFileText();

        await using var emulator = await RunningEmulator.RunAsync(cli);

        Assert.True(emulator.ExitCode == 2, "enswitch emulator started over the user's profile: " + emulator.Stderr);
        Assert.Empty(emulator.Stdout);
        Assert.Contains($"already has a profile 'emulator' (admin at {server.BaseAddress}) that enswitch emulator did not save, and it will not replace it.", emulator.Stderr, StringComparison.Ordinal);
        Assert.Contains("enswitch emulator --profile emulator-2", emulator.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, cli.ProfileFileText());
        Assert.True(cli.Secrets.Saved.ContainsKey("emulator"));
    }

    [Fact]
    public async Task ProfileNamesItsProfile_WhichItRemovesOnStop_LeavingTheUsersOwnAlone()
    {
        await using var server = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var cli = new CliRun();
        await cli.LoginAsync(server, "--profile", "emulator");
        var before = cli.ProfileFileText();

        var emulator = await RunningEmulator.StartAsync(cli, "--profile", "emulator-2");
        var create = await cli.RunAsync(["--profile", "emulator-2", "recording", "groups", "create", "--name", "In the emulator"]);
        var exitCode = await emulator.StopAsync();
        await emulator.DisposeAsync();

        Assert.Contains("Saved profile 'emulator-2': in another terminal, run for example 'enswitch --profile emulator-2 recording groups create", emulator.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, create.ExitCode);
        Assert.Empty(server.RecordGroups);
        Assert.Equal(0, exitCode);
        Assert.Contains("Emulator stopped; profile 'emulator-2' removed.", emulator.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, cli.ProfileFileText());
    }

    [Fact]
    public async Task AProfileAStoppedEmulatorLeft_IsReplaced_AndRemovedOnStop()
    {
        using var cli = new CliRun();
        new ProfileStore(cli.ProfileFolder).Update(file =>
        {
            file.Default = "emulator";
            return file.Profiles["emulator"] = new Profile { Server = new Uri("http://127.0.0.1:1/"), User = "admin", Password = PasswordSource.Emulator };
        });

        var emulator = await RunningEmulator.StartAsync(cli);
        var saved = cli.ProfileFileText();
        Assert.Equal(0, await emulator.StopAsync());
        await emulator.DisposeAsync();

        Assert.DoesNotContain("127.0.0.1:1/", saved, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(saved))
        {
            Assert.Equal("emulator", json.RootElement.GetProperty("default").GetString());
        }

        Assert.DoesNotContain("emulator", cli.ProfileFileText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProfileSavedAgainUnderItsNameWhileItRuns_IsLeftInPlaceOnStop()
    {
        await using var server = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var cli = new CliRun();
        var emulator = await RunningEmulator.StartAsync(cli);

        await cli.LoginAsync(server, "--profile", "emulator");
        var replaced = cli.ProfileFileText();
        Assert.Equal(0, await emulator.StopAsync());
        await emulator.DisposeAsync();

        Assert.Contains("Emulator stopped; profile 'emulator' was saved again by another command meanwhile, so it was left in place.", emulator.Stderr, StringComparison.Ordinal);
        Assert.Equal(replaced, cli.ProfileFileText());
        Assert.Contains(server.BaseAddress.ToString(), replaced, StringComparison.Ordinal);
    }
}
