using Enswitch.Cli.Connection;
using Enswitch.Client.Testing;

namespace Enswitch.Cli.Tests;

/// <summary>
/// Runs the enswitch tool in-process, as a user runs it: a command line, an environment, standard input, a profile
/// folder of its own and an in-memory secret store; returns the exit code and what it printed.
/// </summary>
internal sealed class CliRun : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("enswitch-cli-").FullName;

    /// <summary>Gets the environment variables the tool sees.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the secret store the tool sees.</summary>
    public FakeSecretStore Secrets { get; } = new();

    /// <summary>Gets the profile folder.</summary>
    public string ProfileFolder => _folder;

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
        var console = new CliConsole(output, error, stdin, name => Environment.GetValueOrDefault(name), _folder, Secrets);
        var exitCode = await EnswitchCli.RunAsync(args, console, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs one command line with a console the caller made (to watch its output while it runs).</summary>
    public Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        EnswitchCli.RunAsync(args, new CliConsole(output, error, new StringReader(string.Empty), name => Environment.GetValueOrDefault(name), _folder, Secrets), cancellationToken);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

/// <summary>What one run of the tool did.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Gets stdout and stderr together, for assertions about anything printed.</summary>
    public string All => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>An in-memory <see cref="ISecretStore"/>: what the OS store would hold.</summary>
internal sealed class FakeSecretStore : ISecretStore
{
    public Dictionary<string, string> Saved { get; } = new(StringComparer.Ordinal);

    public string Name => "test store";

    public bool IsAvailable { get; set; } = true;

    public Task<string?> ReadAsync(string profile, CancellationToken cancellationToken) => Task.FromResult(Saved.GetValueOrDefault(profile));

    public Task WriteAsync(string profile, string label, string password, CancellationToken cancellationToken)
    {
        Saved[profile] = password;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string profile, CancellationToken cancellationToken)
    {
        Saved.Remove(profile);
        return Task.CompletedTask;
    }
}
