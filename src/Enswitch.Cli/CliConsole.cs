using Enswitch.Cli.Connection;

namespace Enswitch.Cli;

/// <summary>
/// Everything the tool reads from or writes to the world outside its arguments: the three standard streams, the
/// environment, the folder of the profile file and the OS secret store. Tests pass their own to run the tool
/// in-process; <see cref="System"/> is the real one.
/// </summary>
internal sealed class CliConsole
{
    /// <summary>Gets the process's console, environment, profile folder and secret store.</summary>
    public static CliConsole System => new(
        Console.Out,
        Console.Error,
        Console.In,
        global::System.Environment.GetEnvironmentVariable,
        ProfileStore.DefaultFolder(global::System.Environment.GetEnvironmentVariable),
        SecretStores.ForThisMachine())
    {
        ErrorIsTerminal = !Console.IsErrorRedirected,
        InputIsTerminal = !Console.IsInputRedirected,
    };

    /// <summary>Initializes a new instance of the <see cref="CliConsole"/> class.</summary>
    /// <param name="output">Where results go (stdout): only what a script reads.</param>
    /// <param name="error">Where messages, progress and errors go (stderr).</param>
    /// <param name="input">Standard input, read for <c>--password-stdin</c> and <c>--NAME-from stdin</c>.</param>
    /// <param name="environment">Reads an environment variable, or returns <see langword="null"/> when it is not set.</param>
    /// <param name="profileFolder">The folder of <c>profiles.json</c>.</param>
    /// <param name="secrets">The OS secret store, which holds passwords saved by <c>enswitch login</c>.</param>
    public CliConsole(TextWriter output, TextWriter error, TextReader input, Func<string, string?> environment, string profileFolder, ISecretStore secrets)
    {
        Output = output;
        Error = error;
        Input = input;
        Environment = environment;
        ProfileFolder = profileFolder;
        Secrets = secrets;
    }

    /// <summary>Gets stdout.</summary>
    public TextWriter Output { get; }

    /// <summary>Gets stderr.</summary>
    public TextWriter Error { get; }

    /// <summary>Gets stdin.</summary>
    public TextReader Input { get; }

    /// <summary>Gets the environment variable reader.</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>Gets the folder of the profile file.</summary>
    public string ProfileFolder { get; }

    /// <summary>Gets the OS secret store.</summary>
    public ISecretStore Secrets { get; }

    /// <summary>Gets a value indicating whether stderr is a terminal (progress then rewrites one line).</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>
    /// Gets a value indicating whether stdin is a terminal, where a secret typed for <c>--password-stdin</c> or
    /// <c>--NAME-from stdin</c> would be shown on the screen as it is typed.
    /// </summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>
    /// Returns the message refusing to read a secret for <paramref name="option"/> from stdin when stdin is a terminal
    /// (what is typed would be shown, and stay in the terminal's scrollback), saying how to pipe it instead; or
    /// <see langword="null"/> when stdin is redirected and may be read.
    /// </summary>
    /// <param name="option">The option that reads stdin, as the user wrote it: <c>--password-stdin</c>, <c>--pin-from stdin</c>.</param>
    public string? RefuseTerminalInput(string option) =>
        InputIsTerminal
            ? $"{option} reads a secret from standard input, which is a terminal here, so what you type would be shown on the screen. " +
              $"Pipe it instead, without echo: read -rs P && printf '%s' \"$P\" | enswitch ... {option}; unset P"
            : null;
}
