using System.Text.Json;
using Enswitch.Cli.Connection;
using Enswitch.Client.Testing;

namespace Enswitch.Cli.Tests;

/// <summary>
/// <c>enswitch profiles</c> and <c>enswitch logout</c>: listing what login saved (as a table, JSON or CSV, never a
/// password), and removing a profile together with the password the secret store held for it.
/// </summary>
public class ProfileTests
{
    private const string Password = EnswitchEmulator.DefaultPassword;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Profiles_ListsEveryProfileAsATable_WithTheDefaultMarked()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        await run.LoginAsync(emulator, "--profile", "prod");
        await run.LoginAsync(emulator, "--profile", "lab", "--token", "--password-source", "environment");

        var list = await run.RunAsync(["profiles"]);

        Assert.Equal(0, list.ExitCode);
        var server = emulator.BaseAddress.ToString();
        var lines = list.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal(["profile", "server", "user", "authentication", "password", "default"], Words(lines[0]));
        Assert.Equal(["lab", server, "admin", "token", "environment"], Words(lines[2]));
        Assert.Equal(["prod", server, "admin", "password", "store", "*"], Words(lines[3]));
        run.AssertNeverPrinted(Password);
    }

    [Fact]
    public async Task Profiles_AsJson_GivesOneObjectPerProfile_WithDefaultAsABoolean()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        await run.LoginAsync(emulator, "--profile", "prod");

        var list = await run.RunAsync(["profiles", "--output", "json"]);

        Assert.Equal(0, list.ExitCode);
        using var json = JsonDocument.Parse(list.Stdout);
        var profile = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("prod", profile.GetProperty("profile").GetString());
        Assert.Equal(emulator.BaseAddress.ToString(), profile.GetProperty("server").GetString());
        Assert.Equal("admin", profile.GetProperty("user").GetString());
        Assert.Equal("password", profile.GetProperty("authentication").GetString());
        Assert.Equal("store", profile.GetProperty("password").GetString());
        Assert.True(profile.GetProperty("default").GetBoolean());
    }

    [Fact]
    public async Task Profiles_AsCsv_GivesAHeaderAndARowPerProfile()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        await run.LoginAsync(emulator, "--profile", "prod");

        var list = await run.RunAsync(["profiles", "-o", "csv"]);

        Assert.Equal(0, list.ExitCode);
        Assert.Equal(
            $"profile,server,user,authentication,password,default\nprod,{emulator.BaseAddress},admin,password,store,*\n",
            list.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Profiles_WithNoneSaved_SaysSoOnStderr_OrGivesAnEmptyJsonArray()
    {
        using var run = new CliRun();

        var table = await run.RunAsync(["profiles"]);
        var json = await run.RunAsync(["profiles", "--output", "json"]);

        Assert.Equal(0, table.ExitCode);
        Assert.Empty(table.Stdout);
        Assert.Contains($"No profiles in {run.ProfilePath}; enswitch login saves one.", table.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        Assert.Equal("[]", json.Stdout.Trim());
    }

    [Fact]
    public async Task Logout_RemovesTheProfileAndItsStoredPassword_SoCommandsNoLongerConnect()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        await run.LoginAsync(emulator, "--profile", "prod");

        var logout = await run.RunAsync(["logout", "--profile", "prod"]);
        var create = await run.RunAsync(["recording", "groups", "create", "--name", "After logout"]);

        Assert.Equal(0, logout.ExitCode);
        Assert.Empty(logout.Stdout);
        Assert.Contains($"Removed profile 'prod' from {run.ProfilePath} and its password from test store.", logout.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Secrets.Saved);
        using (var file = JsonDocument.Parse(run.ProfileFileText()))
        {
            Assert.Empty(file.RootElement.GetProperty("profiles").EnumerateObject());
            Assert.False(file.RootElement.TryGetProperty("default", out _));
        }

        Assert.Equal(2, create.ExitCode);
        Assert.Contains("No Enswitch server or user", create.Stderr, StringComparison.Ordinal);
        Assert.Empty(emulator.RequestsTo("recording/groups/create"));
        run.AssertNeverPrinted(Password);
    }

    [Fact]
    public async Task Logout_WithoutAProfileName_RemovesTheDefaultProfile_AndLeavesTheOthers()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        await run.LoginAsync(emulator, "--profile", "prod");
        await run.LoginAsync(emulator, "--profile", "lab");

        var logout = await run.RunAsync(["logout"]);

        Assert.Equal(0, logout.ExitCode);
        Assert.Contains("Removed profile 'prod'", logout.Stderr, StringComparison.Ordinal);
        Assert.Contains("There is no default profile now", logout.Stderr, StringComparison.Ordinal);
        Assert.Equal(["lab"], run.Secrets.Saved.Keys);
        var list = await run.RunAsync(["profiles", "--output", "json"]);
        using var json = JsonDocument.Parse(list.Stdout);
        var left = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("lab", left.GetProperty("profile").GetString());
        Assert.False(left.GetProperty("default").GetBoolean());
    }

    [Fact]
    public async Task Logout_OfAProfileThatDoesNotExist_ExitsWithTheUsageCode_AndChangesNothing()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        await run.LoginAsync(emulator, "--profile", "prod");
        var before = run.ProfileFileText();

        var logout = await run.RunAsync(["logout", "--profile", "prdo"]);

        Assert.Equal(2, logout.ExitCode);
        Assert.Contains("There is no profile 'prdo'", logout.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was removed.", logout.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, run.ProfileFileText());
        Assert.True(run.Secrets.Saved.ContainsKey("prod"));
    }

    [Fact]
    public async Task Logout_WhenTheStoreFails_KeepsTheProfile_SoItCanBeTriedAgain()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        await run.LoginAsync(emulator, "--profile", "prod");
        var before = run.ProfileFileText();
        run.Secrets.Failure = new CliUsageException("test store: removing failed (the keyring is locked).");

        var logout = await run.RunAsync(["logout", "--profile", "prod"]);

        Assert.Equal(2, logout.ExitCode);
        Assert.Contains("error: test store: removing failed (the keyring is locked). Nothing was removed.", logout.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, run.ProfileFileText());
    }

    [Fact]
    public async Task Logout_WhereTheStoreIsNotAvailable_RemovesTheProfile_AndWarnsThatThePasswordStaysInTheStore()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        await run.LoginAsync(emulator, "--profile", "prod");
        run.Secrets.IsAvailable = false;

        var logout = await run.RunAsync(["logout", "--profile", "prod"]);

        Assert.Equal(0, logout.ExitCode);
        Assert.Contains("warning: profile 'prod' kept its password in the OS secret store, which is not available here (test store)", logout.Stderr, StringComparison.Ordinal);
        Assert.Contains("Removed profile 'prod'", logout.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\"prod\"", run.ProfileFileText(), StringComparison.Ordinal);
        Assert.True(run.Secrets.Saved.ContainsKey("prod"));
    }

    [Fact]
    public async Task Profiles_ShowsTheEmulatorProfile_AndLogoutOfItLeavesTheStoreAlone()
    {
        using var run = new CliRun();
        new ProfileStore(run.ProfileFolder).Update(file =>
        {
            file.Default = "emulator";
            return file.Profiles["emulator"] = new Profile { Server = new Uri("http://127.0.0.1:5099/"), User = "admin", Password = PasswordSource.Emulator };
        });
        run.Secrets.Failure = new CliUsageException("the store must not be asked about this profile.");

        var list = await run.RunAsync(["profiles", "-o", "csv"]);
        var logout = await run.RunAsync(["logout", "--profile", "emulator"]);

        Assert.Equal("profile,server,user,authentication,password,default\nemulator,http://127.0.0.1:5099/,admin,password,emulator,*\n", list.Stdout.ReplaceLineEndings("\n"));
        Assert.Equal(0, logout.ExitCode);
        Assert.Contains("Removed profile 'emulator' from", logout.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("password from", logout.Stderr, StringComparison.Ordinal);
    }

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    // A file edited by hand (or written before the tool refused it) may hold a password in the server's address.
    [Fact]
    public async Task Profiles_NeverPrintsUserInfoFromAServerAddressInTheFile()
    {
        using var run = new CliRun();
        Directory.CreateDirectory(run.ProfileFolder);
        await File.WriteAllTextAsync(run.ProfilePath, """{"profiles":{"old":{"server":"https://u:hunter5-value@pbx.example.com/","user":"u","authentication":"Password","password":"Environment"}}}""", Token);

        var list = await run.RunAsync(["profiles", "--output", "json"]);

        Assert.Equal(0, list.ExitCode);
        Assert.DoesNotContain("hunter5-value", list.All, StringComparison.Ordinal);
        Assert.Contains("https://pbx.example.com/", list.Stdout, StringComparison.Ordinal);
    }
}
