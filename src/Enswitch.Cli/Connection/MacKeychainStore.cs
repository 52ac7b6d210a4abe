using System.Text;

namespace Enswitch.Cli.Connection;

/// <summary>
/// The macOS login keychain through Apple's <c>/usr/bin/security</c>: a generic password item per <see cref="SecretKey"/>,
/// service <c>enswitch</c>, account the key's random id, label the profile, user and server. A lookup or a removal names
/// service, account and label, so it finds only the item saved for that profile, server and user. Not exercised by CI,
/// which runs on Linux; the tests cover the shared process runner, the command text this store writes and its errors
/// (against a stand-in for <c>security</c>).
/// </summary>
/// <remarks>
/// <c>security add-generic-password -w PASSWORD</c> would put the password in the process list, so the command is
/// written to <c>security -i</c> on its standard input instead, one line, each argument in double quotes with
/// <c>\</c> and <c>"</c> escaped (the rules of its line parser). The item holds <c>b64:</c> and the password's UTF-8
/// bytes in base64: <c>find-generic-password -w</c> can print a value that is not plain ASCII text as hexadecimal,
/// which could not be told apart from a password that looks hexadecimal, and base64 is always plain ASCII.
/// </remarks>
/// <param name="executable">The path of <c>security</c>.</param>
/// <param name="timeLimit">How long one run of <c>security</c> may take (a keychain may ask the user to allow access).</param>
internal sealed class MacKeychainStore(string executable, TimeSpan timeLimit) : ISecretStore
{
    /// <summary>The path of Apple's tool; never looked up on PATH, where another program could stand in for it.</summary>
    public const string SecurityTool = "/usr/bin/security";

    private const string Service = "enswitch";
    private const string Encoded = "b64:";

    // security's interactive mode reads lines of at most 4096 bytes.
    private const int MaxLine = 4000;

    // errSecItemNotFound, which security returns as its exit code.
    private const int NotFound = 44;

    private const string Hint =
        "The login keychain must be unlocked, and security allowed to use it; otherwise run enswitch login with --password-source environment and set ENSWITCH_PASSWORD at each run.";

    /// <inheritdoc/>
    public string Name => "macOS keychain (security)";

    /// <inheritdoc/>
    public bool IsAvailable => true;

    /// <summary>Returns the line that makes <c>security -i</c> save <paramref name="password"/> under <paramref name="key"/>.</summary>
    /// <exception cref="CliUsageException">A value holds a line break, or the line is too long for <c>security -i</c>.</exception>
    public static string AddCommand(SecretKey key, string password)
    {
        var line = string.Join(' ', "add-generic-password", "-U", "-s", Quote(Service), "-a", Quote(key.Id), "-l", Quote(key.Label), "-w", Quote(Encode(password)));
        return Encoding.UTF8.GetByteCount(line) <= MaxLine
            ? line + "\n"
            : throw new CliUsageException("The password, server address or user name is too long for the macOS keychain's command line.");
    }

    /// <summary>Returns the password an item's value holds: <c>b64:</c> and base64, or (written by another tool) the text itself.</summary>
    public static string Decode(string value)
    {
        if (!value.StartsWith(Encoded, StringComparison.Ordinal))
        {
            return value;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value[Encoded.Length..]));
        }
        catch (FormatException)
        {
            return value;
        }
    }

    /// <summary>Returns <paramref name="value"/> as one argument of <c>security -i</c>'s line parser.</summary>
    /// <exception cref="CliUsageException">It holds a line break or a NUL, which end the line.</exception>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny('\n', '\r', '\0') >= 0
            ? throw new CliUsageException("A line break cannot be saved in the macOS keychain through security -i.")
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <inheritdoc/>
    public async Task<string?> ReadAsync(SecretKey key, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["find-generic-password", .. Item(key), "-w"], null, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == 0 && result.TimedOutAfter is null)
        {
            var value = result.Output.TrimEnd('\n');
            return value.Length == 0 ? null : Decode(value);
        }

        return Missing(result) ? null : throw result.Failure(Name, $"reading the password of profile '{key.Profile}'", Hint);
    }

    /// <inheritdoc/>
    public async Task WriteAsync(SecretKey key, string password, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["-i"], AddCommand(key, password), cancellationToken).ConfigureAwait(false);

        // In interactive mode security exits with the code of its last command, here the only one. Its message may quote
        // the command line, which holds the password in the form sent (b64:...): both forms are masked.
        if (result.ExitCode != 0 || result.TimedOutAfter is not null)
        {
            throw result.Failure(Name, $"saving the password of profile '{key.Profile}'", Hint, password, Encode(password));
        }
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(SecretKey key, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["delete-generic-password", .. Item(key)], null, cancellationToken).ConfigureAwait(false);
        if ((result.ExitCode != 0 || result.TimedOutAfter is not null) && !Missing(result))
        {
            throw result.Failure(Name, $"removing the password of profile '{key.Profile}'", Hint);
        }
    }

    // The item's service, account and label: all must match.
    private static string[] Item(SecretKey key) => ["-s", Service, "-a", key.Id, "-l", key.Label];

    private static string Encode(string password) => Encoded + Convert.ToBase64String(Encoding.UTF8.GetBytes(password));

    private static bool Missing(SecretProcessResult result) => result.TimedOutAfter is null && result.ExitCode == NotFound;

    private Task<SecretProcessResult> RunAsync(string[] arguments, string? input, CancellationToken cancellationToken) =>
        SecretProcess.RunAsync(executable, arguments, input, timeLimit, cancellationToken);
}
