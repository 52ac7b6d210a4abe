using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Enswitch.Cli.Connection;

/// <summary>
/// Runs the command-line tool of an OS secret store (<c>secret-tool</c>, <c>security</c>) once: arguments that never
/// hold the secret, the secret (if any) written to its standard input, and a time limit after which the tool and
/// everything it started are killed, so a keyring that waits for an unlock that never comes cannot hang enswitch.
/// </summary>
internal static class SecretProcess
{
    /// <summary>
    /// How long a store's tool may take. Long enough for a person to answer a desktop keyring's unlock prompt; a machine
    /// without a keyring fails at once rather than waiting this long.
    /// </summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="executable"/> and returns how it ended.</summary>
    /// <param name="executable">The tool's path.</param>
    /// <param name="arguments">Its arguments, each passed as one argument (no shell); never the secret.</param>
    /// <param name="input">What to write to its standard input before closing it, or <see langword="null"/> for nothing.</param>
    /// <param name="timeLimit">How long it may run before it is killed.</param>
    /// <param name="cancellationToken">Kills the tool and stops waiting.</param>
    /// <exception cref="CliUsageException">The tool could not be started.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the tool was killed.</exception>
    public static async Task<SecretProcessResult> RunAsync(string executable, IReadOnlyList<string> arguments, string? input, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new CliUsageException($"{executable} could not be started ({e.Message}).", e);
        }

        // Both pipes are drained from the start, so a tool that writes much cannot block on a full pipe.
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeLimit);
        try
        {
            await WriteInputAsync(process, input, deadline.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);

            // A child the tool left running (a D-Bus daemon it launched) may hold the pipes open: the deadline still applies.
            return new SecretProcessResult(process.ExitCode, await output.WaitAsync(deadline.Token).ConfigureAwait(false), await error.WaitAsync(deadline.Token).ConfigureAwait(false), TimedOutAfter: null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new SecretProcessResult(-1, string.Empty, string.Empty, TimedOutAfter: timeLimit);
        }
        finally
        {
            // Whatever ended the wait (the time limit, a cancellation, a failure), the tool does not outlive it.
            Kill(process);
        }
    }

    private static async Task WriteInputAsync(Process process, string? input, CancellationToken cancellationToken)
    {
        try
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
                await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The tool exited (or closed its input) before reading it all; its exit code and message say why.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // It ended on its own meanwhile, or is ending.
        }
    }
}
