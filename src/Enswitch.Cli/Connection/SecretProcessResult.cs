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
    /// of stderr (with each of <paramref name="secrets"/> masked, should a tool ever echo it), and what to do about it.
    /// </summary>
    /// <param name="store">The store's name.</param>
    /// <param name="operation">What was being done ("saving the password of profile 'default'").</param>
    /// <param name="hint">What the user can do: start or unlock the keyring, or choose another password source.</param>
    /// <param name="secrets">The password that was being saved, in each form the tool was given it; none for a read or a removal.</param>
    public CliUsageException Failure(string store, string operation, string hint, params string[] secrets)
    {
        if (TimedOutAfter is { } limit)
        {
            return new CliUsageException($"{store}: {operation} did not finish within {limit.TotalSeconds:0.#} s (a keyring waiting to be unlocked, or a secret service that does not answer), so it was stopped. {hint}");
        }

        var said = FirstErrorLine;
        foreach (var secret in secrets.Where(s => s.Length > 0).OrderByDescending(s => s.Length))
        {
            said = said.Replace(secret, "***", StringComparison.Ordinal);
        }

        return new CliUsageException($"{store}: {operation} failed (exit code {ExitCode}{(said.Length == 0 ? string.Empty : ": " + said)}). {hint}");
    }
}
