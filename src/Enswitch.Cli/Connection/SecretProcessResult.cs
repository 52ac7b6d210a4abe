namespace Enswitch.Cli.Connection;

/// <summary>How a secret store's tool ended (<see cref="SecretProcess"/>).</summary>
/// <param name="ExitCode">Its exit code; -1 when it was killed at the time limit.</param>
/// <param name="Output">What it wrote on stdout (a password, for a lookup).</param>
/// <param name="Error">What it wrote on stderr.</param>
/// <param name="TimedOutAfter">The time limit it was killed at, or <see langword="null"/> when it ended by itself.</param>
internal sealed record SecretProcessResult(int ExitCode, string Output, string Error, TimeSpan? TimedOutAfter)
{
    /// <summary>Gets the first line of stderr, trimmed, or an empty text.</summary>
    public string FirstErrorLine => Error.Split('\n', 2)[0].Trim();

    /// <summary>
    /// Returns the failure to report for a store operation that did not succeed: what failed, the tool's own first line
    /// of stderr (with <paramref name="secret"/> masked, should a tool ever echo it), and what to do about it.
    /// </summary>
    /// <param name="store">The store's name.</param>
    /// <param name="operation">What was being done ("saving the password of profile 'default'").</param>
    /// <param name="hint">What the user can do: start or unlock the keyring, or choose another password source.</param>
    /// <param name="secret">The password that was being saved, or <see langword="null"/>.</param>
    public CliUsageException Failure(string store, string operation, string hint, string? secret = null)
    {
        if (TimedOutAfter is { } limit)
        {
            return new CliUsageException($"{store}: {operation} did not finish within {limit.TotalSeconds:0.#} s (a keyring waiting to be unlocked, or a secret service that does not answer), so it was stopped. {hint}");
        }

        var said = FirstErrorLine;
        if (!string.IsNullOrEmpty(secret))
        {
            said = said.Replace(secret, "***", StringComparison.Ordinal);
        }

        return new CliUsageException($"{store}: {operation} failed (exit code {ExitCode}{(said.Length == 0 ? string.Empty : ": " + said)}). {hint}");
    }
}
