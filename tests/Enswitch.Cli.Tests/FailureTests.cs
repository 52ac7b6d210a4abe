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
        // A port bound but not listening refuses every connection, and no other process can take it meanwhile.
        using var bound = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        bound.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var closedAddress = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)bound.LocalEndPoint!).Port}/");
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
    [InlineData("--password:" + Password)]
    [InlineData("--auth-password:" + Password)]
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
        Assert.Single(_emulator.RequestsTo("recording/groups/create"));
    }

    [Fact]
    public async Task ValidateOnly_AgainstAServerThatIgnoresValidation_ExitsOutcomeUnknown()
    {
        _emulator.InjectFault("recording/groups/create", EmulatorFault.Envelope("""{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":77}}"""));
        using var cli = new CliRun().For(_emulator, "operator", Password);

        var result = await cli.RunAsync(["recording", "groups", "create", "--name", "Trial", "--validate-only"]);

        Assert.Equal(7, result.ExitCode);
        Assert.Contains("201", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("may have been applied", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("changed nothing", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParamValidation_IsRefused_InFavourOfValidateOnly()
    {
        using var cli = new CliRun().For(_emulator, "operator", Password);

        var result = await cli.RunAsync(["recording", "groups", "create", "--name", "Trial", "--param", "validation=1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--validate-only", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_emulator.Journal);
    }

    [Theory]
    [InlineData("--passwd=hunter2-value")]
    [InlineData("--passwd:hunter2-value")]
    [InlineData("-phunter2-value")]
    [InlineData("--password-from=hunter2-value")]
    [InlineData("hunter2-value")]
    public async Task AMistypedOptionOrStrayValue_IsReportedWithoutItsValue(string argument)
    {
        using var cli = new CliRun().For(_emulator, "operator", Password);

        var result = await cli.RunAsync(["customers", "list", argument]);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("hunter2-value", result.All, StringComparison.Ordinal);
        Assert.Empty(_emulator.Journal);
    }

    [Fact]
    public async Task AnAtArgument_IsNotAResponseFile_SoItCannotSmuggleAPassword()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("enswitch-cli-").FullName, "args.rsp");
        await File.WriteAllTextAsync(file, "--password=hunter3-value\n", TestContext.Current.CancellationToken);
        using var cli = new CliRun().For(_emulator, "operator", Password);

        var result = await cli.RunAsync(["customers", "list", "@" + file]);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("hunter3-value", result.All, StringComparison.Ordinal);
        Assert.Empty(_emulator.Journal);
    }

    [Theory]
    [InlineData("https://admin:s3cr3t-value@pbx.example.com/")]
    [InlineData("https://pbx.example.com/?auth_password=s3cr3t-value")]
    [InlineData("ftp://s3cr3t-value")]
    public async Task AServerAddressHoldingCredentialsOrNotHttp_IsRefusedWithoutRepeatingIt(string server)
    {
        using var cli = new CliRun().For(_emulator, "operator", Password);
        cli.Environment["ENSWITCH_SERVER"] = server;

        var result = await cli.RunAsync(["customers", "list"]);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("s3cr3t-value", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProfileThatTakesENSWITCH_PASSWORD_IsRefused_WhenENSWITCH_SERVERNamesAnotherServer()
    {
        using var cli = new CliRun().For(_emulator, "operator", Password);
        var login = await cli.RunAsync(["login", "--profile", "prod", "--server", _emulator.BaseAddress.ToString(), "--user", "operator", "--password-source", "environment"]);
        cli.Environment["ENSWITCH_SERVER"] = "https://staging.example.com/";

        var result = await cli.RunAsync(["--profile", "prod", "customers", "list"]);

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ENSWITCH_SERVER names another server", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_emulator.RequestsTo("customers/list"));
    }

    [Theory]
    [InlineData("customers", "list", "--password-stdin")]
    [InlineData("access", "create", "--name", "Lobby", "--type", "direct", "--password-from", "stdin")]
    public async Task ASecretReadFromATerminal_IsRefused_SoWhatIsTypedIsNotShown(params string[] args)
    {
        using var cli = new CliRun().For(_emulator, "operator", Password);
        cli.InputIsTerminal = true;

        var result = await cli.RunAsync(args, Password + "\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("which is a terminal here", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_emulator.Journal);
    }
}
