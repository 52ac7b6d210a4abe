using System.Globalization;
using Enswitch.Client.Testing;

namespace Enswitch.Cli.Tests;

/// <summary>What a user of the tool relies on beyond each function's happy path: ids alone, typed options, escapes, paging, files.</summary>
public sealed class CommandBehaviourTests : IAsyncLifetime
{
    private EnswitchEmulator _emulator = null!;

    public async ValueTask InitializeAsync() => _emulator = await EnswitchEmulator.StartAsync();

    public async ValueTask DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task ACreate_PrintsTheNewIdAlone()
    {
        using var cli = new CliRun().For(_emulator);

        var result = await cli.RunAsync(["recording", "groups", "create", "--name", "Support line"]);

        Assert.Equal(0, result.ExitCode);
        var group = Assert.Single(_emulator.RecordGroups);
        Assert.Equal("Support line", group.Name);
        Assert.Equal(group.Id.ToString(CultureInfo.InvariantCulture) + Environment.NewLine, result.Stdout);
    }

    [Fact]
    public async Task TypedOptions_SendTheWireForm()
    {
        using var cli = new CliRun().For(_emulator);

        var result = await cli.RunAsync(["cdrs", "list", "--start", "2026-11-01", "--end", "2026-11-01T09:30:00+01:00", "--archive", "--recurse", "false", "--limit", "5", "-o", "json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var sent = _emulator.RequestsTo("cdrs/list")[^1];
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), sent["start"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), sent["end"]);
        Assert.Equal("1", sent["archive"]);
        Assert.Equal("0", sent["recurse"]);
        Assert.Equal("5", sent["limit"]);
    }

    [Fact]
    public async Task AtPath_SendsTheFilesBytesAsBase64()
    {
        var sound = _emulator.AddObject("sounds", [new("name", "Welcome")]);
        var file = Path.Combine(Directory.CreateTempSubdirectory("enswitch-cli-").FullName, "welcome.wav");
        byte[] audio = [82, 73, 70, 70, 0, 255, 10, 13];
        await File.WriteAllBytesAsync(file, audio, TestContext.Current.CancellationToken);
        using var cli = new CliRun().For(_emulator);

        var result = await cli.RunAsync(["sounds", "files", "upload", "--sound", sound.Id.ToString(CultureInfo.InvariantCulture), "--data", "@" + file]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Convert.ToBase64String(audio), Assert.Single(_emulator.RequestsTo("sounds/files/upload"))["data"]);
    }

    [Theory]
    [InlineData("--start", "11/01/2026", "--start takes a date")]
    [InlineData("--limit", "five", "--limit takes a whole number")]
    [InlineData("--start", "yesterday-ish", "--start takes a date")]
    [InlineData("--archive", "maybe", "--archive takes true or false")]
    public async Task AValueItsOptionCannotTake_ExitsWithUsageAndSendsNothing(string option, string value, string message)
    {
        using var cli = new CliRun().For(_emulator);

        var result = await cli.RunAsync(["cdrs", "list", option, value]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_emulator.Journal);
    }

    [Fact]
    public async Task AValueOutsideTheGuidesList_IsRefusedWithTheEscapeNamed_AndTheEscapeSendsIt()
    {
        using var cli = new CliRun().For(_emulator);

        var refused = await cli.RunAsync(["access", "create", "--name", "Lobby", "--type", "kiosk"]);
        var escaped = await cli.RunAsync(["access", "create", "--name", "Lobby", "--param", "type=kiosk"]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--type takes callback, direct, menu", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--param type=kiosk", refused.Stderr, StringComparison.Ordinal);
        Assert.True(escaped.ExitCode == 0, escaped.ToString());
        Assert.Equal("kiosk", Assert.Single(_emulator.RequestsTo("access/create"))["type"]);
    }

    [Fact]
    public async Task ARequiredOptionLeftOut_ExitsWithUsageNamingIt()
    {
        using var cli = new CliRun().For(_emulator);

        var result = await cli.RunAsync(["recording", "groups", "create"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--name", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("enswitch recording groups create --help", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_emulator.Journal);
    }

    [Theory]
    [InlineData("calls make --snumbr 1001 --cnumber 15551234567", "Unknown option '--snumbr'. Did you mean '--snumber'?")]
    [InlineData("cdrs lst", "'enswitch cdrs' has no command 'lst'. Did you mean 'list'?")]
    [InlineData("cdrs list -o xml", "--output takes table, json or csv.")]
    public async Task AMistake_IsNamedWithWhatWasMeant_InOneLineEach(string line, string expected)
    {
        using var cli = new CliRun().For(_emulator);

        var result = await cli.RunAsync(line.Split(' '));

        Assert.Equal(2, result.ExitCode);
        var errors = result.Stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.Equal("error: " + expected, errors[0]);
        Assert.DoesNotContain(errors, e => e.Contains("neither an option", StringComparison.Ordinal));
        Assert.Empty(_emulator.Journal);
    }

    [Fact]
    public async Task AnHttpAddressThatIsNotLoopback_IsRefused_SoThePasswordNeverTravelsUnencrypted()
    {
        using var cli = new CliRun().For(_emulator);
        cli.Environment["ENSWITCH_SERVER"] = "http://pbx.example.com/";

        var result = await cli.RunAsync(["customers", "list"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("use https://", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Param_SendsAParameterTheCatalogueLacks()
    {
        using var cli = new CliRun().For(_emulator);

        var result = await cli.RunAsync(["cdrs", "list", "--param", "cmatch_extra=exact", "-o", "json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("exact", _emulator.RequestsTo("cdrs/list")[^1]["cmatch_extra"]);
    }

    [Fact]
    public async Task ValidateOnly_SendsValidationAndCreatesNothing()
    {
        using var cli = new CliRun().For(_emulator);

        var result = await cli.RunAsync(["recording", "groups", "create", "--name", "Trial", "--validate-only"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("changed nothing", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("1", Assert.Single(_emulator.RequestsTo("recording/groups/create"))["validation"]);
        Assert.Empty(_emulator.RecordGroups);
    }

    [Fact]
    public async Task All_PagesThroughEveryRow_WithProgressOnStderr()
    {
        for (var i = 0; i < 250; i++)
        {
            _emulator.AddObject("cdrs", [new("snumber", "1001"), new("cnumber", "1555000" + i.ToString("D4", CultureInfo.InvariantCulture))]);
        }

        using var cli = new CliRun().For(_emulator);

        var result = await cli.RunAsync(["cdrs", "list", "--all", "--page-size", "100", "-o", "csv"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(251, lines.Length);
        Assert.StartsWith("id,", lines[0], StringComparison.Ordinal);
        Assert.Equal(250, lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Count());
        Assert.Contains("250 rows fetched", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, _emulator.RequestsTo("cdrs/list").Count);
    }

    [Fact]
    public async Task Table_AlignsColumnsUnderAHeader()
    {
        _emulator.AddObject("customers", [new("name", "Example Ltd"), new("account", "EX-1")]);
        _emulator.AddObject("customers", [new("name", "B"), new("account", "EX-22222")]);
        using var cli = new CliRun().For(_emulator);

        var result = await cli.RunAsync(["customers", "list"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        var nameColumn = lines[0].IndexOf("name", StringComparison.Ordinal);
        Assert.True(nameColumn > 0);
        Assert.Equal("Example Ltd", lines[2][nameColumn..].Trim().Split("  ")[0]);
        Assert.Equal("B", lines[3][nameColumn..].Trim());
    }

    [Fact]
    public async Task OutFile_SavesTheRecordingsAudio_WithProgress()
    {
        var group = _emulator.AddRecordGroup("Support line");
        var audio = Enumerable.Range(0, 3 << 20).Select(i => (byte)(i * 7)).ToArray();
        _emulator.AddRecording(new EmulatedRecording(
            group.Id, "1700000000.5", "1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(60), 60, "1001", "1001", "1002", true, "audio/wav",
            DateTimeOffset.UnixEpoch.AddYears(100), audio));
        var file = Path.Combine(Directory.CreateTempSubdirectory("enswitch-cli-").FullName, "call.wav");
        using var cli = new CliRun().For(_emulator);

        var result = await cli.RunAsync(["recording", "recordings", "get", "--recordgroup", group.Id.ToString(CultureInfo.InvariantCulture), "--uniqueid", "1700000000.5", "--recordid", "1", "--out-file", file]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(audio, await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        Assert.Contains("KiB downloaded", result.Stderr, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(file)!));
    }
}
