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
}
