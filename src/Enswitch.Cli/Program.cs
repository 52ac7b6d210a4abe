namespace Enswitch.Cli;

/// <summary>The tool's entry point; its whole behaviour lives in <see cref="EnswitchCli"/>, which the tests run in-process.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => EnswitchCli.RunAsync(args, CliConsole.System, CancellationToken.None);
}
