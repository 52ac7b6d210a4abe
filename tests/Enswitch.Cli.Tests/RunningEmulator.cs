namespace Enswitch.Cli.Tests;

/// <summary>
/// <c>enswitch emulator</c> running in-process in the background of a test, as a user runs it in another terminal: it
/// is ready once it has printed its address, and stops when disposed (Ctrl+C).
/// </summary>
internal sealed class RunningEmulator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly ReadySignal _output = new();
    private readonly StringWriter _error = new();
    private Task<int>? _run;

    /// <summary>Gets what the emulator command printed on stderr.</summary>
    public string Stderr => _error.ToString();

    /// <summary>Gets what the emulator command printed on stdout.</summary>
    public string Stdout => _output.ToString();

    /// <summary>Gets the exit code when the command has ended (it ends at once when it refuses to start), else <see langword="null"/>.</summary>
    public int? ExitCode => _run is { IsCompletedSuccessfully: true } run ? run.Result : null;

    /// <summary>Starts <c>enswitch emulator</c> with the run's profile folder and waits until it listens.</summary>
    public static async Task<RunningEmulator> StartAsync(CliRun cli, params string[] options)
    {
        var running = await RunAsync(cli, options);
        if (running.ExitCode is { } exitCode)
        {
            throw new InvalidOperationException($"enswitch emulator stopped at once with exit code {exitCode}: {running.Stderr}");
        }

        return running;
    }

    /// <summary>Runs <c>enswitch emulator</c> with the run's profile folder until it listens or ends (<see cref="ExitCode"/>), whichever comes first.</summary>
    public static async Task<RunningEmulator> RunAsync(CliRun cli, params string[] options)
    {
        var running = new RunningEmulator();
        running._run = cli.RunAsync(["emulator", .. options], running._output, running._error, running._stop.Token);
        await Task.WhenAny(running._output.Ready, running._run).WaitAsync(TestContext.Current.CancellationToken);
        if (running._run.IsCompleted)
        {
            await running._run;
        }

        return running;
    }

    /// <summary>Stops the emulator as Ctrl+C does and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_run is { IsCompleted: false })
        {
            await StopAsync();
        }

        _stop.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    // Completes Ready once a line saying the emulator listens has been written.
    private sealed class ReadySignal : StringWriter
    {
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Ready => _ready.Task;

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            Check();
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }

        private void Check()
        {
            if (ToString().Contains(" listening on ", StringComparison.Ordinal))
            {
                _ready.TrySetResult();
            }
        }
    }
}
