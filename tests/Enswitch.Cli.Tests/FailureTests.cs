using System.Globalization;
using Enswitch.Client.Testing;

namespace Enswitch.Cli.Tests;

/// <summary>
/// Each kind of failure exits with its own code and one line on stderr that says what to do; an outcome that is unknown
/// says to look before repeating, and no failure prints the password.
/// </summary>
public sealed class FailureTests : IAsyncLifetime
{
    private const string Password = "Pw-unique-7Hq2";
    private EnswitchEmulator _emulator = null!;

    public async ValueTask InitializeAsync()
    {
        _emulator = await EnswitchEmulator.StartAsync();
        _emulator.AddUser(new EmulatedUser("operator", Password, EnswitchRoles.All, _emulator.Options.DefaultCustomerId) { HasEveryPrivilege = true });
    }

    public async ValueTask DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task ACreateWhoseConnectionDropsAfterSending_ExitsOutcomeUnknown_AndIsNotRepeated()
    {
        _emulator.InjectFault("recording/groups/create", EmulatorFault.CloseAfterRequest.AfterApplying());
        using var cli = new CliRun().For(_emulator, "operator", Password);

        var result = await cli.RunAsync(["recording", "groups", "create", "--name", "Support line"]);

        Assert.Equal(7, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("may have been applied", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Look in Enswitch before you repeat it", result.Stderr, StringComparison.Ordinal);
        Assert.Single(_emulator.RequestsTo("recording/groups/create"));
        Assert.Single(_emulator.RecordGroups);
        Assert.DoesNotContain(Password, result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachKindOfFailure_HasItsOwnExitCode_AndNeverPrintsThePassword()
    {
        _emulator.AddUser("norole", Password, EnswitchRoles.None);
        _emulator.AddUser("noplan", Password, EnswitchRoles.All, "recording/groups/create");
        var closed = await EnswitchEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var closedAddress = closed.BaseAddress;
        await closed.DisposeAsync();
        (string User, string Server, string[] Args, int ExitCode)[] cases =
        [
            ("operator", "", ["recording", "recordings", "list", "--recordgroup", "987654"], 3),
            ("operator-wrong", "", ["customers", "list"], 4),
            ("norole", "", ["recording", "groups", "create", "--name", "X"], 5),
            ("noplan", "", ["recording", "groups", "create", "--name", "X"], 10),
            ("operator", "", ["customers", "get", "--id", "987654"], 11),
            ("operator", closedAddress.ToString(), ["customers", "list", "--call-timeout", "30"], 8),
        ];
        var codes = new List<int>();
        foreach (var (user, server, args, exitCode) in cases)
        {
            using var cli = new CliRun().For(_emulator, user == "operator-wrong" ? "operator" : user, user == "operator-wrong" ? Password + "x" : Password);
            if (server.Length > 0)
            {
                cli.Environment["ENSWITCH_SERVER"] = server;
            }

            var result = await cli.RunAsync(args);

            Assert.True(result.ExitCode == exitCode, $"{string.Join(' ', args)} as {user}: {result}");
            Assert.Equal(string.Empty, result.Stdout);
            Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
            Assert.Single(result.Stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain(Password, result.All, StringComparison.Ordinal);
            codes.Add(result.ExitCode);
        }

        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("--password", Password)]
    [InlineData("--password=" + Password)]
    [InlineData("--auth-password", Password)]
    public async Task APasswordGivenAsAnArgument_IsRefusedWithHowToPassIt_AndNotEchoed(params string[] arguments)
    {
        using var cli = new CliRun().For(_emulator, "operator", Password);

        var result = await cli.RunAsync(["customers", "list", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ENSWITCH_PASSWORD", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--password-stdin", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.All, StringComparison.Ordinal);
        Assert.Empty(_emulator.Journal);
    }

    [Fact]
    public async Task AFunctionsSecretParameter_IsTakenFromTheEnvironmentOnly()
    {
        using var cli = new CliRun().For(_emulator, "operator", Password);
        cli.Environment["ACCESS_PIN"] = "pin-4471-secret";

        var refused = await cli.RunAsync(["access", "create", "--name", "Lobby", "--type", "direct", "--password", "pin-4471-secret"]);
        var refusedParam = await cli.RunAsync(["access", "create", "--name", "Lobby", "--type", "direct", "--param", "pin=pin-4471-secret"]);
        var taken = await cli.RunAsync(["access", "create", "--name", "Lobby", "--type", "direct", "--password-from", "env:ACCESS_PIN"]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--password-from env:VARIABLE", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, refusedParam.ExitCode);
        Assert.Contains("--param pin=env:VARIABLE", refusedParam.Stderr, StringComparison.Ordinal);
        Assert.True(taken.ExitCode == 0, taken.ToString());
        Assert.Equal("pin-4471-secret", Assert.Single(_emulator.RequestsTo("access/create"))["password"]);
        Assert.DoesNotContain("pin-4471-secret", refused.All + refusedParam.All + taken.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordStdin_ReadsThePasswordFromStandardInput()
    {
        using var cli = new CliRun().For(_emulator, "operator", "not-this-one");

        var result = await cli.RunAsync(["customers", "list", "--password-stdin", "-o", "json"], Password + "\n");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task NoPassword_ExitsWithUsageSayingHowToGiveOne()
    {
        using var cli = new CliRun().For(_emulator, "operator", Password);
        cli.Environment.Remove("ENSWITCH_PASSWORD");

        var result = await cli.RunAsync(["customers", "list"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Set ENSWITCH_PASSWORD, pipe it with --password-stdin", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_emulator.Journal);
    }

    [Fact]
    public async Task CancellingACreate_ExitsCancelled_AndSaysItMayHaveBeenApplied()
    {
        _emulator.InjectFault("recording/groups/create", EmulatorFault.Hang);
        using var cli = new CliRun().For(_emulator, "operator", Password);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var run = cli.RunAsync(["recording", "groups", "create", "--name", "Support line"], output, error, cancel.Token);
        await _emulator.WaitForRequestAsync("recording/groups/create", cancellationToken: TestContext.Current.CancellationToken);
        await cancel.CancelAsync();

        Assert.Equal(130, await run);
        Assert.Contains("may have been applied", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, output.ToString() + error, StringComparison.Ordinal);
        Assert.Equal(1, _emulator.RequestsTo("recording/groups/create").Count.CompareTo(0));
    }
}
