using System.Text;
using System.Text.RegularExpressions;

namespace Enswitch.Cli.Tests;

/// <summary>
/// The tool's README, run as a new user runs it: <c>enswitch emulator</c> in the background with nothing configured,
/// then each of the "Ten common tasks" lines as written.
/// </summary>
public sealed partial class ReadmeTasksTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Client.Tests.Repository.Root, "src", "Enswitch.Cli", "README.md"));

    public static TheoryData<string> Tasks() => [.. TaskLines()];

    [Fact]
    public void TheReadme_ShowsTenTasks_EachOneLine()
    {
        var tasks = TaskLines();

        Assert.Equal(10, tasks.Count);
        Assert.All(tasks, t => Assert.StartsWith("enswitch ", t, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Tasks))]
    public async Task EachTask_RunsAgainstTheEmulatorWithNothingConfigured(string line)
    {
        using var cli = new CliRun();
        await using var emulator = await RunningEmulator.StartAsync(cli);
        var folder = Directory.CreateTempSubdirectory("enswitch-readme-").FullName;
        var args = Words(line).Skip(1).Select(a => a == "call.wav" ? Path.Combine(folder, a) : a).ToArray();

        var result = await cli.RunAsync(args);

        Assert.True(result.ExitCode == 0, $"{line}\n{result}");
        if (args.Contains("create") && !args.Contains("--validate-only"))
        {
            Assert.Matches(@"^\d+\r?\n$", result.Stdout);
        }

        if (args.Contains("--out-file"))
        {
            Assert.NotEmpty(await File.ReadAllBytesAsync(Path.Combine(folder, "call.wav"), TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task TheEmulatorCommand_SavesItsProfileAsTheDefault_AndRemovesItWhenStopped()
    {
        using var cli = new CliRun();
        var emulator = await RunningEmulator.StartAsync(cli);
        var profiles = Path.Combine(cli.ProfileFolder, "profiles.json");
        var saved = await File.ReadAllTextAsync(profiles, TestContext.Current.CancellationToken);

        var exitCode = await emulator.StopAsync();
        var after = await File.ReadAllTextAsync(profiles, TestContext.Current.CancellationToken);
        await emulator.DisposeAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains("\"default\": \"emulator\"", saved, StringComparison.Ordinal);
        Assert.DoesNotContain(Client.Testing.EnswitchEmulator.DefaultPassword, saved + emulator.Stdout + emulator.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("emulator", after, StringComparison.Ordinal);
    }

    private static List<string> TaskLines()
    {
        var block = TasksBlock().Match(Readme);
        Assert.True(block.Success, "src/Enswitch.Cli/README.md has no tasks block");
        return [.. block.Groups["body"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    // Splits a command line as a POSIX shell does for the README's lines: words separated by spaces, double quotes kept together.
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    [GeneratedRegex(@"<!-- tasks[^>]*-->\s*```sh\n(?<body>.*?)```\s*<!-- /tasks -->", RegexOptions.Singleline)]
    private static partial Regex TasksBlock();
}
