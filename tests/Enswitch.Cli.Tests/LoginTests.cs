using System.Text.Json;
using Enswitch.Cli.Connection;
using Enswitch.Client.Testing;

namespace Enswitch.Cli.Tests;

/// <summary>
/// <c>enswitch login</c> against the emulator over real sockets: the credentials checked with one authenticated read,
/// the profile saved without the password, the password in the secret store, and the commands after it connecting
/// with them. No output of any run holds the password.
/// </summary>
public class LoginTests
{
    private const string Password = EnswitchEmulator.DefaultPassword;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChecksTheCredentials_ThenSavesTheProfileWithoutThePassword_AndThePasswordInTheStore()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();

        var login = await run.RunAsync(["login", "--server", emulator.BaseAddress.ToString(), "--user", EnswitchEmulator.DefaultUsername, "--password-stdin"], Password + "\n");

        Assert.Equal(0, login.ExitCode);
        Assert.Empty(login.Stdout);
        Assert.Contains($"Saved profile 'default' in {run.ProfilePath} (user 'admin' at {emulator.BaseAddress}, password authentication); the file holds no password.", login.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Checked: the server accepted the credentials (user 'admin' at {emulator.BaseAddress}, password authentication).", login.Stderr, StringComparison.Ordinal);
        Assert.Contains("The password is in test store", login.Stderr, StringComparison.Ordinal);
        Assert.Contains("'default' is the default profile", login.Stderr, StringComparison.Ordinal);

        // One authenticated read checked the credentials.
        var check = Assert.Single(emulator.Journal);
        Assert.Equal("user/login", check.Function);
        Assert.Equal(EmulatorCredential.Password, check.AuthenticatedWith);

        var text = run.ProfileFileText();
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        using var file = JsonDocument.Parse(text);
        Assert.Equal("default", file.RootElement.GetProperty("default").GetString());
        var saved = file.RootElement.GetProperty("profiles").GetProperty("default");
        Assert.Equal(emulator.BaseAddress.ToString(), saved.GetProperty("server").GetString());
        Assert.Equal("admin", saved.GetProperty("user").GetString());
        Assert.Equal("Password", saved.GetProperty("authentication").GetString());
        Assert.Equal("SecretStore", saved.GetProperty("password").GetString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(run.ProfilePath));
        }

        // The password is in an entry of its own, which the profile names, saved for this profile, server and user.
        var entry = Assert.Single(run.Secrets.Entries.Values);
        Assert.Equal(saved.GetProperty("secretId").GetString(), entry.Key.Id);
        Assert.Equal(new SecretKey(entry.Key.Id, "default", emulator.BaseAddress, "admin"), entry.Key);
        Assert.Equal(Password, entry.Password);
        Assert.DoesNotContain(Password, entry.Key.Label, StringComparison.Ordinal);
        run.AssertNeverPrinted(Password);
    }

    [Fact]
    public async Task WithAWrongPassword_ExitsWithTheAuthenticationCode_AndSavesNothing()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        const string wrong = "not-the-password-4711";

        var login = await run.RunAsync(["login", "--server", emulator.BaseAddress.ToString(), "--user", "admin", "--password-stdin"], wrong + "\n");

        Assert.Equal(4, login.ExitCode);
        Assert.Empty(login.Stdout);
        Assert.Contains("Check the user and password", login.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was saved." + Environment.NewLine, login.Stderr, StringComparison.Ordinal);
        Assert.Equal(EmulatorCredential.None, Assert.Single(emulator.Journal).AuthenticatedWith);
        Assert.False(File.Exists(run.ProfilePath));
        Assert.Empty(run.Secrets.Saved);
        run.AssertNeverPrinted(wrong);
    }

    [Fact]
    public async Task WithoutAnyPassword_ExitsWithTheUsageCode_SayingHowToGiveIt_AndSendsNothing()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();

        var login = await run.RunAsync(["login", "--server", emulator.BaseAddress.ToString(), "--user", "admin"]);

        Assert.Equal(2, login.ExitCode);
        Assert.Empty(login.Stdout);
        Assert.Contains("--password-stdin", login.Stderr, StringComparison.Ordinal);
        Assert.Contains("ENSWITCH_PASSWORD", login.Stderr, StringComparison.Ordinal);
        Assert.Contains("never taken as an argument", login.Stderr, StringComparison.Ordinal);
        Assert.Empty(emulator.Journal);
        Assert.False(File.Exists(run.ProfilePath));
        Assert.Empty(run.Secrets.Saved);
    }

    [Theory]
    [InlineData("--password", "s3cret-from-history")]
    [InlineData("--password=s3cret-from-history", null)]
    public async Task RefusesAPasswordArgument_WithoutPrintingIt(string option, string? value)
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        string[] args = ["login", "--server", emulator.BaseAddress.ToString(), "--user", "admin", option];

        var login = await run.RunAsync(value is null ? args : [.. args, value]);

        Assert.Equal(2, login.ExitCode);
        Assert.Contains("--password: enswitch does not take a password as an argument", login.Stderr, StringComparison.Ordinal);
        Assert.Contains("--password-stdin", login.Stderr, StringComparison.Ordinal);
        Assert.Empty(emulator.Journal);
        Assert.False(File.Exists(run.ProfilePath));
        run.AssertNeverPrinted("s3cret-from-history");
    }

    [Fact]
    public async Task ALaterCommand_ConnectsWithTheSavedProfileAndTheStoredPassword()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        await run.LoginAsync(emulator);

        // Nothing in the environment: the default profile and the store supply everything.
        var create = await run.RunAsync(["recording", "groups", "create", "--name", "Support line"]);

        Assert.Equal(0, create.ExitCode);
        var group = Assert.Single(emulator.RecordGroups);
        Assert.Equal("Support line", group.Name);
        Assert.Equal(group.Id + "\n", create.Stdout.ReplaceLineEndings("\n"));
        var request = emulator.RequestsTo("recording/groups/create")[0];
        Assert.Equal(EmulatorCredential.Password, request.AuthenticatedWith);
        Assert.Equal("admin", request["auth_username"]);
        run.AssertNeverPrinted(Password);
    }

    [Fact]
    public async Task ALaterCommand_WhoseStoreFails_ExitsWithTheStoresMessage_AndSendsNothing()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        await run.LoginAsync(emulator);
        run.Secrets.Failure = new CliUsageException("test store: reading failed (the keyring is locked).");

        var create = await run.RunAsync(["recording", "groups", "create", "--name", "Support line"]);

        Assert.Equal(2, create.ExitCode);
        Assert.Contains("error: test store: reading failed (the keyring is locked). Nothing was sent.", create.Stderr, StringComparison.Ordinal);
        Assert.Empty(emulator.RequestsTo("recording/groups/create"));
    }

    [Fact]
    public async Task AnExplicitProfile_BeatsTheEnswitchServerVariable_WhichOtherwiseWins()
    {
        await using var saved = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await using var other = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        await run.LoginAsync(saved, "--profile", "lab");
        run.Environment["ENSWITCH_SERVER"] = other.BaseAddress.ToString();
        run.Environment["ENSWITCH_USER"] = EnswitchEmulator.DefaultUsername;
        run.Environment["ENSWITCH_PASSWORD"] = Password;

        var withProfile = await run.RunAsync(["--profile", "lab", "recording", "groups", "create", "--name", "Lab group"]);
        var withVariables = await run.RunAsync(["recording", "groups", "create", "--name", "Variables group"]);

        Assert.Equal(0, withProfile.ExitCode);
        Assert.Equal(0, withVariables.ExitCode);
        Assert.Equal("Lab group", Assert.Single(saved.RecordGroups).Name);
        Assert.Equal("Variables group", Assert.Single(other.RecordGroups).Name);
        run.AssertNeverPrinted(Password);
    }

    [Fact]
    public async Task WithToken_SavesTokenAuthentication_AndTheCommandsAfterItUseAToken()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        await run.LoginAsync(emulator, "--token");

        var create = await run.RunAsync(["recording", "groups", "create", "--name", "Token group"]);

        Assert.Equal(0, create.ExitCode);
        Assert.Contains("\"authentication\": \"Token\"", run.ProfileFileText(), StringComparison.Ordinal);
        Assert.Equal(EmulatorCredential.Token, emulator.RequestsTo("recording/groups/create")[0].AuthenticatedWith);
        run.AssertNeverPrinted(Password);
    }

    [Fact]
    public async Task WithoutASecretStore_SavesThePasswordSourceEnvironment_AndSaysEveryRunNeedsThePassword()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun { Store = new UnavailableSecretStore("no keyring in this test") };

        var login = await run.RunAsync(["login", "--server", emulator.BaseAddress.ToString(), "--user", "admin", "--password-stdin", "--quiet"], Password + "\n");
        var without = await run.RunAsync(["recording", "groups", "create", "--name", "No password"]);
        run.Environment["ENSWITCH_PASSWORD"] = Password;
        var with = await run.RunAsync(["recording", "groups", "create", "--name", "From the variable"]);

        Assert.Equal(0, login.ExitCode);
        Assert.Contains("warning: no OS secret store is available here (no keyring in this test)", login.Stderr, StringComparison.Ordinal);
        Assert.Contains("ENSWITCH_PASSWORD must be set", login.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"password\": \"Environment\"", run.ProfileFileText(), StringComparison.Ordinal);
        Assert.Equal(2, without.ExitCode);
        Assert.Contains("No password.", without.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, with.ExitCode);
        Assert.Equal("From the variable", Assert.Single(emulator.RecordGroups).Name);
        run.AssertNeverPrinted(Password);
    }

    [Fact]
    public async Task PasswordSourceStore_WhereNoStoreIsAvailable_IsRefused_AndNothingIsSentOrSaved()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun { Store = new UnavailableSecretStore("no keyring in this test") };

        var login = await run.RunAsync(["login", "--server", emulator.BaseAddress.ToString(), "--user", "admin", "--password-stdin", "--password-source", "store"], Password + "\n");

        Assert.Equal(2, login.ExitCode);
        Assert.Contains("--password-source store: no OS secret store is available here (no keyring in this test)", login.Stderr, StringComparison.Ordinal);
        Assert.Empty(emulator.Journal);
        Assert.False(File.Exists(run.ProfilePath));
    }

    [Fact]
    public async Task NoVerify_WithPasswordSourceEnvironment_NeedsNoPassword_AndSendsNothing()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();

        var login = await run.RunAsync(["login", "--server", emulator.BaseAddress.ToString(), "--user", "admin", "--no-verify", "--password-source", "environment"]);

        Assert.Equal(0, login.ExitCode);
        Assert.Empty(emulator.Journal);
        Assert.Empty(run.Secrets.Saved);
        Assert.Contains("The password is not saved", login.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"password\": \"Environment\"", run.ProfileFileText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheStoreFails_ExitsWithItsMessage_AndSavesNoProfile()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        run.Secrets.Failure = new CliUsageException("test store: saving failed (the keyring is locked).");

        var login = await run.RunAsync(["login", "--server", emulator.BaseAddress.ToString(), "--user", "admin", "--password-stdin"], Password + "\n");

        Assert.Equal(2, login.ExitCode);
        Assert.Contains("error: test store: saving failed (the keyring is locked). Nothing was saved.", login.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(run.ProfilePath));
    }

    [Fact]
    public async Task WhenTheRatePlanRefusesTheCheck_SavesTheProfile_SayingTheCredentialsWereAccepted()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        emulator.AddUser("limited", "limited-password-1", EnswitchRoles.All, "user/login");
        using var run = new CliRun();

        var login = await run.RunAsync(["login", "--server", emulator.BaseAddress.ToString(), "--user", "limited", "--password-stdin"], "limited-password-1\n");

        Assert.Equal(0, login.ExitCode);
        Assert.Contains("the server accepted the credentials of user 'limited', but the user's rate plan does not permit user/login (code 403)", login.Stderr, StringComparison.Ordinal);
        Assert.Equal("limited-password-1", run.Secrets.Saved["default"]);
        run.AssertNeverPrinted("limited-password-1");
    }

    [Fact]
    public async Task WhenTheServerCannotBeReached_ExitsWithTheTransportCode_AndSavesNothing()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await emulator.StopAcceptingAsync(Token);
        using var run = new CliRun();

        var login = await run.RunAsync(["login", "--server", emulator.BaseAddress.ToString(), "--user", "admin", "--password-stdin"], Password + "\n");

        Assert.Equal(8, login.ExitCode);
        Assert.Contains("Nothing was saved.", login.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(run.ProfilePath));
        Assert.Empty(run.Secrets.Saved);
    }

    [Theory]
    [InlineData("--profile", "bad name")]
    [InlineData("--profile", ".hidden")]
    [InlineData("--server", "pbx.example.com")]
    [InlineData("--server", "ftp://pbx.example.com/")]
    public async Task RefusesABadProfileNameOrServerAddress_BeforeSendingAnything(string option, string value)
    {
        using var run = new CliRun();

        var login = await run.RunAsync(
            option == "--server"
                ? ["login", "--server", value, "--user", "admin", "--password-stdin"]
                : ["login", "--server", "https://pbx.example.com/", "--user", "admin", "--password-stdin", option, value],
            Password + "\n");

        Assert.Equal(2, login.ExitCode);
        Assert.Contains(option == "--server" ? "is not an http or https address" : "is not a profile name", login.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(run.ProfilePath));
    }

    [Fact]
    public async Task TheFirstProfileIsTheDefault_AndDefaultMakesAnotherOneTheDefault()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();

        await run.LoginAsync(emulator, "--profile", "first");
        var second = await run.LoginAsync(emulator, "--profile", "second");
        Assert.Contains("The default profile is still 'first'", second.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"default\": \"first\"", run.ProfileFileText(), StringComparison.Ordinal);

        var third = await run.LoginAsync(emulator, "--profile", "third", "--default");
        Assert.Contains("'third' is the default profile", third.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"default\": \"third\"", run.ProfileFileText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoggingInAgainWithPasswordSourceEnvironment_RemovesThePasswordTheStoreHeld()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        await run.LoginAsync(emulator);
        Assert.True(run.Secrets.Saved.ContainsKey("default"));

        var again = await run.LoginAsync(emulator, "--password-source", "environment");

        Assert.Contains("Replaced profile 'default'", again.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Secrets.Saved);
    }

    [Fact]
    public async Task ProfilesOfTheSameNameInTwoProfileFolders_KeepPasswordsOfTheirOwn_InOneStore()
    {
        await using var first = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await using var second = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        first.AddUser("ops", "first-password-1", EnswitchRoles.All);
        second.AddUser("ops", "second-password-2", EnswitchRoles.All);
        var keyring = new FakeSecretStore();
        using var one = new CliRun { Store = keyring };
        using var two = new CliRun { Store = keyring };

        // Both save a profile called 'default' (ENSWITCH_CONFIG_DIR pointing at two folders), each for its own server.
        var loginOne = await one.RunAsync(["login", "--server", first.BaseAddress.ToString(), "--user", "ops", "--password-stdin"], "first-password-1\n");
        var loginTwo = await two.RunAsync(["login", "--server", second.BaseAddress.ToString(), "--user", "ops", "--password-stdin"], "second-password-2\n");
        var before = await one.RunAsync(["recording", "groups", "create", "--name", "After both logins"]);
        var logoutTwo = await two.RunAsync(["logout"]);
        var after = await one.RunAsync(["recording", "groups", "create", "--name", "After the other logout"]);

        Assert.Equal(0, loginOne.ExitCode);
        Assert.Equal(0, loginTwo.ExitCode);
        Assert.Equal(0, logoutTwo.ExitCode);
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal(["After both logins", "After the other logout"], first.RecordGroups.Select(g => g.Name));
        Assert.All(first.RequestsTo("recording/groups/create"), r => Assert.Equal(EmulatorCredential.Password, r.AuthenticatedWith));
        Assert.Empty(second.RecordGroups);
        var left = Assert.Single(keyring.Entries.Values);
        Assert.Equal(("default", first.BaseAddress, "first-password-1"), (left.Key.Profile, left.Key.Server, left.Password));
        one.AssertNeverPrinted("first-password-1");
        two.AssertNeverPrinted("second-password-2");
    }

    [Fact]
    public async Task AProfileWhoseServerWasChanged_GetsNoPasswordFromTheStore_AndSendsNothingThere()
    {
        await using var saved = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        await using var other = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        await run.LoginAsync(saved);
        File.WriteAllText(run.ProfilePath, run.ProfileFileText().Replace(saved.BaseAddress.ToString(), other.BaseAddress.ToString(), StringComparison.Ordinal));

        var create = await run.RunAsync(["recording", "groups", "create", "--name", "Elsewhere"]);

        Assert.Equal(2, create.ExitCode);
        Assert.Contains("The OS secret store (test store) holds no password for profile 'default'", create.Stderr, StringComparison.Ordinal);
        Assert.Empty(other.Journal);
        Assert.True(run.Secrets.Saved.ContainsKey("default"));
    }

    [Fact]
    public async Task LoggingInAgain_SavesThePasswordUnderANewEntry_AndRemovesTheOldOne()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();
        await run.LoginAsync(emulator);
        var firstId = Assert.Single(run.Secrets.Entries.Keys);

        var again = await run.LoginAsync(emulator, "--token");

        Assert.Contains("Replaced profile 'default'", again.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", again.Stderr, StringComparison.Ordinal);
        var secondId = Assert.Single(run.Secrets.Entries.Keys);
        Assert.NotEqual(firstId, secondId);
        Assert.Contains($"\"secretId\": \"{secondId}\"", run.ProfileFileText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheProfileFileCannotBeWritten_RemovesThePasswordItSaved_AndExitsWithTheError()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun();

        // A folder where profiles.json should be: the password is saved, then the profile cannot be.
        Directory.CreateDirectory(run.ProfilePath);
        var login = await run.RunAsync(["login", "--server", emulator.BaseAddress.ToString(), "--user", "admin", "--password-stdin"], Password + "\n");

        Assert.NotEqual(0, login.ExitCode);
        Assert.EndsWith("Nothing was saved." + Environment.NewLine, login.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", login.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Secrets.Entries);
        Assert.Empty(Directory.GetFiles(run.ProfileFolder, "*.tmp"));
        run.AssertNeverPrinted(Password);
    }

    [Fact]
    public async Task PasswordStdin_FromATerminal_IsRefused_SayingHowToPipeIt_AndNothingIsReadSentOrSaved()
    {
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun { InputIsTerminal = true };

        var login = await run.RunAsync(["login", "--server", emulator.BaseAddress.ToString(), "--user", "admin", "--password-stdin"], Password + "\n");
        run.Environment["ENSWITCH_PASSWORD"] = Password;
        var fromVariable = await run.RunAsync(["login", "--server", emulator.BaseAddress.ToString(), "--user", "admin"]);

        Assert.Equal(2, login.ExitCode);
        Assert.Contains("error: --password-stdin reads a secret from standard input, which is a terminal here, so what you type would be shown on the screen.", login.Stderr, StringComparison.Ordinal);
        Assert.Contains("read -rs P && printf '%s' \"$P\" | enswitch ... --password-stdin; unset P", login.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, fromVariable.ExitCode);
        Assert.Single(emulator.Journal);
        Assert.Single(run.Secrets.Entries);
        run.AssertNeverPrinted(Password);
    }
}
