using Enswitch.Cli.Catalogue;

namespace Enswitch.Cli;

/// <summary>
/// Refuses, before the command line is parsed, any argument that would carry a secret: the connection password
/// (<c>--password</c>) and every secret parameter's own option (<c>--pin</c>). Arguments are kept in shell history and
/// shown in process lists, so the refusal names the option and how to pass the value, and never repeats the value.
/// </summary>
internal static class SecretArguments
{
    private static readonly string[] SecretMarks = ["password", "pin", "token", "secret"];

    private static readonly HashSet<string> Refused = BuildRefused();

    /// <summary>Gets the characters System.CommandLine accepts between an option's name and its value in one argument.</summary>
    public static char[] OptionValueSeparators { get; } = ['=', ':'];

    /// <summary>
    /// Returns whether a parameter name the catalogue does not document looks secret, by the catalogue's own rule: it holds
    /// password, pin, token or secret, or is auth_code.
    /// </summary>
    public static bool LooksSecret(string name) =>
        name == "auth_code" || SecretMarks.Any(mark => name.Contains(mark, StringComparison.OrdinalIgnoreCase));

    /// <summary>Returns the message refusing the first secret-carrying argument, or <see langword="null"/> when there is none.</summary>
    public static string? Check(IEnumerable<string> args)
    {
        foreach (var arg in args)
        {
            if (arg == "--")
            {
                break;
            }

            // System.CommandLine takes --name=value and --name:value alike.
            var name = arg.Split(OptionValueSeparators, 2)[0];
            if (!name.StartsWith("--", StringComparison.Ordinal) || !Refused.Contains(name))
            {
                continue;
            }

            return name is "--password" or "--auth-password" or "--auth_password"
                ? $"{name}: enswitch does not take a password as an argument (shell history and process lists would keep it). {Connection.ConnectionResolver.HowToGivePassword}" +
                  (TakesSecret(args, name) ? $" For this function's own {name[2..]} parameter, give {name}-from env:VARIABLE or {name}-from stdin." : string.Empty)
                : $"{name} is secret, so enswitch does not take it as an argument (shell history and process lists would keep it); give {name}-from env:VARIABLE or {name}-from stdin.";
        }

        return null;
    }

    // Whether the command the arguments name (their leading words: access create) has a secret parameter of that option.
    private static bool TakesSecret(IEnumerable<string> args, string option)
    {
        var name = string.Join('/', args.TakeWhile(a => !a.StartsWith('-')));
        return CliCatalogue.Functions.Any(f => f.Name == name && f.Parameters.Any(p => p.Secret && p.OptionName == option));
    }

    private static HashSet<string> BuildRefused()
    {
        var refused = new HashSet<string>(StringComparer.Ordinal) { "--password", "--auth-password", "--auth_password", "--auth-token", "--auth_token" };
        foreach (var parameter in CliCatalogue.Functions.SelectMany(f => f.Parameters).Where(p => p.Secret))
        {
            refused.Add(parameter.OptionName);
            refused.Add("--" + parameter.Name);
        }

        return refused;
    }
}
