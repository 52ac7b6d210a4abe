using Enswitch.Cli.Connection;
using Enswitch.Client.Testing;

namespace Enswitch.Cli.Tests;

/// <summary>
/// Runs the enswitch tool in-process, as a user runs it: a command line, an environment, standard input, a profile
/// folder of its own and an in-memory secret store (or <see cref="Store"/>); returns the exit code and what it printed.
/// Every run is kept, so that <see cref="AssertNeverPrinted"/> can check all of them.
/// </summary>
internal sealed class CliRun : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("enswitch-cli-").FullName;
    private readonly List<CliResult> _runs = [];

    /// <summary>Gets the environment variables the tool sees.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the in-memory secret store the tool sees, unless <see cref="Store"/> replaces it.</summary>
    public FakeSecretStore Secrets { get; } = new();

    /// <summary>Gets or sets the secret store the tool sees instead of <see cref="Secrets"/>: an unavailable one, or a real one over a stand-in tool.</summary>
    public ISecretStore? Store { get; init; }

    /// <summary>Gets or sets a value indicating whether the tool sees stdin as a terminal (as when nothing is piped to it).</summary>
    public bool InputIsTerminal { get; set; }

    /// <summary>Gets the profile folder.</summary>
    public string ProfileFolder => _folder;

    /// <summary>Gets the path of profiles.json in <see cref="ProfileFolder"/>.</summary>
    public string ProfilePath => Path.Combine(_folder, "profiles.json");

    /// <summary>Sets ENSWITCH_SERVER, ENSWITCH_USER and ENSWITCH_PASSWORD for <paramref name="emulator"/>.</summary>
    public CliRun For(EnswitchEmulator emulator, string user = EnswitchEmulator.DefaultUsername, string password = EnswitchEmulator.DefaultPassword)
    {
        Environment["ENSWITCH_SERVER"] = emulator.BaseAddress.ToString();
        Environment["ENSWITCH_USER"] = user;
        Environment["ENSWITCH_PASSWORD"] = password;
        return this;
    }

    /// <summary>Runs one command line and returns what it did.</summary>
    public async Task<CliResult> RunAsync(string[] args, string input = "")
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stdin = new StringReader(input);
        var exitCode = await EnswitchCli.RunAsync(args, Console(output, error, stdin), TestContext.Current.CancellationToken);
        var result = new CliResult(exitCode, output.ToString(), error.ToString());
        _runs.Add(result);
        return result;
    }

    /// <summary>Runs one command line with a console the caller made (to watch its output while it runs).</summary>
    public Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        EnswitchCli.RunAsync(args, Console(output, error, new StringReader(string.Empty)), cancellationToken);

    /// <summary>Runs <c>enswitch login</c> against <paramref name="emulator"/> as its default user, the password piped, and asserts that it succeeded.</summary>
    public async Task<CliResult> LoginAsync(EnswitchEmulator emulator, params string[] extra)
    {
        var result = await RunAsync(
            ["login", "--server", emulator.BaseAddress.ToString(), "--user", EnswitchEmulator.DefaultUsername, "--password-stdin", .. extra],
            EnswitchEmulator.DefaultPassword + "\n");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>Returns the text of profiles.json.</summary>
    public string ProfileFileText() => File.ReadAllText(ProfilePath);

    /// <summary>Asserts that no run of <see cref="RunAsync(string[], string)"/> wrote <paramref name="secret"/> on stdout or stderr.</summary>
    public void AssertNeverPrinted(string secret)
    {
        Assert.NotEmpty(_runs);
        Assert.All(_runs, run => Assert.DoesNotContain(secret, run.All, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private CliConsole Console(TextWriter output, TextWriter error, TextReader input) =>
        new(output, error, input, name => Environment.GetValueOrDefault(name), _folder, Store ?? Secrets) { InputIsTerminal = InputIsTerminal };
}

/// <summary>What one run of the tool did.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Gets stdout and stderr together, for assertions about anything printed.</summary>
    public string All => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>
/// An in-memory <see cref="ISecretStore"/>: what the OS store would hold, one entry per <see cref="SecretKey.Id"/>, given
/// back or removed only for the profile, server and user it was saved for, as the real stores do.
/// </summary>
internal sealed class FakeSecretStore : ISecretStore
{
    /// <summary>Gets the entries by id.</summary>
    public Dictionary<string, (SecretKey Key, string Password)> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the saved passwords by profile name (for a store used from one profile folder).</summary>
    public Dictionary<string, string> Saved => Entries.Values.ToDictionary(e => e.Key.Profile, e => e.Password, StringComparer.Ordinal);

    /// <summary>Gets the label saved with each password, by profile name.</summary>
    public Dictionary<string, string> Labels => Entries.Values.ToDictionary(e => e.Key.Profile, e => e.Key.Label, StringComparer.Ordinal);

    /// <summary>Gets or sets the failure every operation throws, as a store whose keyring is locked would.</summary>
    public CliUsageException? Failure { get; set; }

    public string Name => "test store";

    public bool IsAvailable { get; set; } = true;

    public Task<string?> ReadAsync(SecretKey key, CancellationToken cancellationToken)
    {
        ThrowFailure();
        return Task.FromResult(Entries.TryGetValue(key.Id, out var entry) && entry.Key == key ? entry.Password : null);
    }

    public Task WriteAsync(SecretKey key, string password, CancellationToken cancellationToken)
    {
        ThrowFailure();
        Entries[key.Id] = (key, password);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(SecretKey key, CancellationToken cancellationToken)
    {
        ThrowFailure();
        if (Entries.TryGetValue(key.Id, out var entry) && entry.Key == key)
        {
            Entries.Remove(key.Id);
        }

        return Task.CompletedTask;
    }

    private void ThrowFailure()
    {
        if (Failure is { } failure)
        {
            throw failure;
        }
    }
}
