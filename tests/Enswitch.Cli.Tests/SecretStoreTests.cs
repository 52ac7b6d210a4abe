using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Enswitch.Cli.Connection;
using Enswitch.Client.Testing;

namespace Enswitch.Cli.Tests;

/// <summary>
/// The OS secret stores. The Linux store runs its real code against a stand-in <c>secret-tool</c> (a bash script first
/// on PATH that records each run's arguments and standard input and keeps the secret in a file), which proves that the
/// password travels on standard input only, never as an argument, and that a missing keyring or a hung tool ends with a
/// clear message. The macOS store's command line is checked against <c>security -i</c>'s parsing rules; neither it nor
/// the Windows store can run here (CI is Linux).
/// </summary>
public class SecretStoreTests
{
    private const string Password = "p@ss \"word\" \\ with ünïcode and spaces";

    private static readonly SecretKey Key = new("0123456789abcdef0123456789abcdef", "default", new Uri("https://pbx.example.com/"), "admin");

    private static readonly string[] KeyAttributes =
        ["service", "enswitch", "id", Key.Id, "profile", "default", "server", "https://pbx.example.com/", "user", "admin"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SecretTool_GetsThePasswordOnStdinOnly_AndGivesItBack()
    {
        SkipWithoutBash();
        using var tool = new FakeSecretTool();
        var store = new SecretToolStore(tool.Path, SecretProcess.DefaultTimeLimit);

        await store.WriteAsync(Key, Password, Token);
        var read = await store.ReadAsync(Key, Token);
        await store.DeleteAsync(Key, Token);
        var afterDelete = await store.ReadAsync(Key, Token);
        await store.DeleteAsync(Key, Token);

        Assert.Equal(["store", "--label=enswitch profile default: admin at https://pbx.example.com/", .. KeyAttributes], tool.Arguments("store"));
        Assert.Equal(Password, tool.Input("store"));
        Assert.Equal(Password, read);
        Assert.Equal(["lookup", .. KeyAttributes], tool.Arguments("lookup"));
        Assert.Equal(["clear", .. KeyAttributes], tool.Arguments("clear"));
        Assert.Null(afterDelete);
        Assert.DoesNotContain(Password, tool.AllArguments(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_ThroughSecretToolOnPath_KeepsThePasswordOutOfEveryArgument_AndALaterCommandReadsItBack()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "secret-tool is the store of Linux; this machine chooses another.");
        using var tool = new FakeSecretTool();
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        emulator.AddUser("ops", Password, EnswitchRoles.All);
        var store = SecretStores.ForThisMachine(tool.Environment(), SecretProcess.DefaultTimeLimit);
        using var run = new CliRun { Store = store };

        var login = await run.RunAsync(["login", "--server", emulator.BaseAddress.ToString(), "--user", "ops", "--password-stdin"], Password + "\n");
        var saved = run.ProfileFileText();
        var create = await run.RunAsync(["recording", "groups", "create", "--name", "Through the keyring"]);
        var logout = await run.RunAsync(["logout"]);

        Assert.Equal(tool.Path, Assert.IsType<SecretToolStore>(store).Executable);
        Assert.Equal(0, login.ExitCode);
        Assert.Contains("The password is in libsecret (secret-tool), under profile 'default'.", login.Stderr, StringComparison.Ordinal);
        Assert.Equal(Password, tool.Input("store"));
        Assert.Equal(0, create.ExitCode);
        Assert.Equal("Through the keyring", Assert.Single(emulator.RecordGroups).Name);
        using var file = JsonDocument.Parse(saved);
        var id = file.RootElement.GetProperty("profiles").GetProperty("default").GetProperty("secretId").GetString()!;
        string[] attributes = ["service", "enswitch", "id", id, "profile", "default", "server", emulator.BaseAddress.ToString(), "user", "ops"];
        Assert.Equal(["store", $"--label=enswitch profile default: ops at {emulator.BaseAddress}", .. attributes], tool.Arguments("store"));
        Assert.Equal(["lookup", .. attributes], tool.Arguments("lookup"));
        Assert.Equal(0, logout.ExitCode);
        Assert.Equal(["clear", .. attributes], tool.Arguments("clear"));
        Assert.False(tool.HoldsSecret);
        Assert.DoesNotContain(Password, tool.AllArguments(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, saved, StringComparison.Ordinal);
        run.AssertNeverPrinted(Password);
    }

    [Theory]
    [InlineData("fail", 60_000, "failed (exit code 1: secret-tool: Cannot autolaunch D-Bus without X11 $DISPLAY).")]
    [InlineData("hang", 500, "did not finish within 0.5 s (a keyring waiting to be unlocked, or a secret service that does not answer), so it was stopped.")]
    public async Task WhenSecretToolFailsOrNeverFinishes_LoginSaysSo_AndWhatToDo_AndSavesNothing(string mode, int timeLimitMilliseconds, string what)
    {
        SkipWithoutBash();
        using var tool = new FakeSecretTool { Mode = mode };
        await using var emulator = await EnswitchEmulator.StartAsync(cancellationToken: Token);
        using var run = new CliRun { Store = new SecretToolStore(tool.Path, TimeSpan.FromMilliseconds(timeLimitMilliseconds)) };

        var login = await run.RunAsync(["login", "--server", emulator.BaseAddress.ToString(), "--user", "admin", "--password-stdin"], EnswitchEmulator.DefaultPassword + "\n");

        Assert.Equal(2, login.ExitCode);
        Assert.Contains($"error: libsecret (secret-tool): saving the password of profile 'default' {what}", login.Stderr, StringComparison.Ordinal);
        Assert.Contains("--password-source environment", login.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was saved." + Environment.NewLine, login.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(run.ProfilePath));
        run.AssertNeverPrinted(EnswitchEmulator.DefaultPassword);
    }

    [Fact]
    public async Task Cancelling_KillsTheStoresTool()
    {
        SkipWithoutBash();
        using var tool = new FakeSecretTool();
        var fifo = System.IO.Path.Combine(tool.Folder, "pid");
        await RunToEndAsync("mkfifo", fifo);
        var script = tool.Script("waits", $"echo $$ > '{fifo}'\nexec sleep 600\n");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var running = SecretProcess.RunAsync(script, [], null, TimeSpan.FromMinutes(10), cancel.Token);
        // Opening the FIFO blocks until the script opens it to write its process id.
        var written = await Task.Run(() => File.ReadAllText(fifo), Token).WaitAsync(Token);
        var pid = int.Parse(written.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
    }

    [Fact]
    public void OnLinux_TheStoreIsSecretTool_OnlyWhenItIsOnPathAndADBusSessionExists()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "The choice of secret-tool is Linux's.");
        using var tool = new FakeSecretTool();
        var empty = Directory.CreateTempSubdirectory("enswitch-empty-").FullName;
        try
        {
            var notInstalled = SecretStores.ForThisMachine(Variables(("PATH", empty), ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")), SecretProcess.DefaultTimeLimit);
            var noBus = SecretStores.ForThisMachine(Variables(("PATH", tool.Folder)), SecretProcess.DefaultTimeLimit);
            File.WriteAllText(System.IO.Path.Combine(empty, "bus"), string.Empty);
            var systemdBus = SecretStores.ForThisMachine(Variables(("PATH", tool.Folder), ("XDG_RUNTIME_DIR", empty)), SecretProcess.DefaultTimeLimit);
            tool.Executable = false;
            var notExecutable = SecretStores.ForThisMachine(Variables(("PATH", tool.Folder), ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")), SecretProcess.DefaultTimeLimit);

            Assert.False(notInstalled.IsAvailable);
            Assert.Contains("secret-tool is not installed", notInstalled.Name, StringComparison.Ordinal);
            Assert.False(noBus.IsAvailable);
            Assert.Contains("there is no D-Bus session here", noBus.Name, StringComparison.Ordinal);
            Assert.Equal(tool.Path, Assert.IsType<SecretToolStore>(systemdBus).Executable);
            Assert.False(notExecutable.IsAvailable);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Theory]
    [InlineData("default", "admin", "plain")]
    [InlineData("lab.2", "a \"quoted\" user with a back\\slash and 'single' quotes", Password)]
    [InlineData("x", "ops", "0123abcd")]
    public void Keychain_CommandLine_ParsesBackIntoTheArguments_WithThePasswordEncoded(string profile, string user, string password)
    {
        var key = SecretKey.New(profile, new Uri("https://pbx.example.com/"), user);

        var line = MacKeychainStore.AddCommand(key, password);

        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        var arguments = SecurityLineParser.Split(line.TrimEnd('\n'));
        Assert.Equal(["add-generic-password", "-U", "-s", "enswitch", "-a", key.Id, "-l", $"enswitch profile {profile}: {user} at https://pbx.example.com/", "-w"], arguments[..^1]);
        Assert.StartsWith("b64:", arguments[^1], StringComparison.Ordinal);
        Assert.Equal(password, MacKeychainStore.Decode(arguments[^1]));
    }

    [Theory]
    [InlineData("two\nlines")]
    [InlineData("carriage\rreturn")]
    public void Keychain_RefusesALabelThatWouldEndTheCommandLine(string user)
    {
        var refused = Assert.Throws<CliUsageException>(() => MacKeychainStore.AddCommand(Key with { User = user }, "secret-1"));
        Assert.DoesNotContain("secret-1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keychain_WhenSecurityFailsQuotingTheCommand_MasksThePasswordInEveryFormSent()
    {
        SkipWithoutBash();
        using var tool = new FakeSecretTool();

        // As security -i may: the command line it could not run, in its error.
        var security = tool.Script("security", "read -r line\necho \"security: $line: The specified item already exists in the keychain.\" >&2\nexit 45\n");
        var store = new MacKeychainStore(security, SecretProcess.DefaultTimeLimit);
        var encoded = "b64:" + Convert.ToBase64String(Encoding.UTF8.GetBytes(Password));

        var refused = await Assert.ThrowsAsync<CliUsageException>(() => store.WriteAsync(Key, Password, Token));

        Assert.StartsWith("macOS keychain (security): saving the password of profile 'default' failed (exit code 45: security: add-generic-password -U -s \"enswitch\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("-w \"***\": The specified item already exists", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(encoded, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(encoded[4..], refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretTool_GivesBackOrRemovesAnEntry_OnlyForTheServerAndUserItWasSavedFor()
    {
        SkipWithoutBash();
        using var tool = new FakeSecretTool();
        var store = new SecretToolStore(tool.Path, SecretProcess.DefaultTimeLimit);
        await store.WriteAsync(Key, Password, Token);

        var otherServer = await store.ReadAsync(Key with { Server = new Uri("https://elsewhere.example.com/") }, Token);
        var otherUser = await store.ReadAsync(Key with { User = "root" }, Token);
        await store.DeleteAsync(Key with { Profile = "other" }, Token);
        var own = await store.ReadAsync(Key, Token);

        Assert.Null(otherServer);
        Assert.Null(otherUser);
        Assert.Equal(Password, own);
        Assert.True(tool.HoldsSecret);
    }

    [Fact]
    public void Keychain_DecodeLeavesAValueItDidNotEncodeAsItIs()
    {
        Assert.Equal("typed-by-hand", MacKeychainStore.Decode("typed-by-hand"));
        Assert.Equal("b64:not base64!", MacKeychainStore.Decode("b64:not base64!"));
    }

    private static void SkipWithoutBash() =>
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stand-in secret-tool is a bash script, and Windows' store is Credential Manager.");

    private static Func<string, string?> Variables(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static async Task RunToEndAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false })!;
        await process.WaitForExitAsync(Token);
        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>
    /// A stand-in for libsecret's <c>secret-tool</c> in a temporary folder: each run appends its arguments to
    /// <c>argv.log</c> and writes them (one a line) to <c>argv.ACTION</c> and its standard input to <c>stdin.ACTION</c>;
    /// <c>store</c> keeps the secret in a file named after its attributes, <c>lookup</c> prints the one with the same
    /// attributes (exit code 1 and no message when there is none, as secret-tool does), <c>clear</c> removes it. The real
    /// tool matches an item holding all the attributes asked for; the store always asks for all it saved, so an exact
    /// match is the same here. <see cref="Mode"/> <c>fail</c> answers as secret-tool does without a
    /// D-Bus session; <c>hang</c> never ends.
    /// </summary>
    private sealed class FakeSecretTool : IDisposable
    {
        private const string Body = """
            dir="$(cd "$(dirname "$0")" && pwd)"
            action="$1"
            printf '%s\n' "$@" > "$dir/argv.$action"
            printf '%s\n' "$*" >> "$dir/argv.log"
            cat > "$dir/stdin.$action"
            mode="$(cat "$dir/mode" 2>/dev/null)"
            item="$(shift; printf '%s\n' "$@" | grep -v '^--label=' | sha256sum | cut -c1-32)"
            if [ "$mode" = fail ]; then echo 'secret-tool: Cannot autolaunch D-Bus without X11 $DISPLAY' >&2; exit 1; fi
            if [ "$mode" = hang ]; then exec sleep 600; fi
            case "$action" in
              store) cp "$dir/stdin.store" "$dir/secret.$item" ;;
              lookup) [ -e "$dir/secret.$item" ] || exit 1; cat "$dir/secret.$item" ;;
              clear) [ -e "$dir/secret.$item" ] || exit 1; rm "$dir/secret.$item" ;;
              *) echo "unexpected action $action" >&2; exit 2 ;;
            esac
            """;

        public FakeSecretTool() => Path = Script(SecretStores.SecretTool, Body + "\n");

        public string Folder { get; } = Directory.CreateTempSubdirectory("enswitch-secret-tool-").FullName;

        public string Path { get; }

        public string Mode
        {
            init => File.WriteAllText(System.IO.Path.Combine(Folder, "mode"), value);
        }

        public bool Executable
        {
            set => SetExecutable(Path, value);
        }

        public bool HoldsSecret => Directory.GetFiles(Folder, "secret.*").Length > 0;

        public string Script(string name, string body)
        {
            var path = System.IO.Path.Combine(Folder, name);
            File.WriteAllText(path, "#!/usr/bin/env bash\n" + body);
            SetExecutable(path, true);
            return path;
        }

        private static void SetExecutable(string path, bool executable)
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | (executable ? UnixFileMode.UserExecute : UnixFileMode.None));
            }
        }

        public string[] Arguments(string action) =>
            File.ReadAllText(System.IO.Path.Combine(Folder, "argv." + action)).TrimEnd('\n').Split('\n');

        public string Input(string action) => File.ReadAllText(System.IO.Path.Combine(Folder, "stdin." + action), Encoding.UTF8);

        public string AllArguments() => File.ReadAllText(System.IO.Path.Combine(Folder, "argv.log"));

        // The stand-in first on PATH (before the real one, if installed), and a session bus address so that the store is chosen.
        public Func<string, string?> Environment() => name => name switch
        {
            "PATH" => Folder + System.IO.Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH"),
            "DBUS_SESSION_BUS_ADDRESS" => "unix:path=/nonexistent/bus",
            _ => null,
        };

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }

    /// <summary>
    /// The line parser of macOS <c>security -i</c> (split_line in Apple's SecurityTool): arguments separated by white space,
    /// an argument in double or single quotes taken as it is, and a backslash taking the next character literally, inside
    /// quotes or out.
    /// </summary>
    private static class SecurityLineParser
    {
        public static string[] Split(string line)
        {
            var arguments = new List<string>();
            var current = new StringBuilder();
            char? quote = null;
            var inArgument = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (!inArgument)
                {
                    if (char.IsWhiteSpace(c))
                    {
                        continue;
                    }

                    inArgument = true;
                    if (c is '"' or '\'')
                    {
                        quote = c;
                        continue;
                    }
                }

                if (c == '\\' && i + 1 < line.Length)
                {
                    current.Append(line[++i]);
                }
                else if (quote is null ? char.IsWhiteSpace(c) : c == quote)
                {
                    arguments.Add(current.ToString());
                    current.Clear();
                    inArgument = false;
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }

            if (inArgument)
            {
                arguments.Add(current.ToString());
            }

            return [.. arguments];
        }
    }
}
