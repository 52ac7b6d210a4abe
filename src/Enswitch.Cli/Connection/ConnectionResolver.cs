using System.CommandLine;
using Enswitch.Cli.Commands;
using Enswitch.Client;

namespace Enswitch.Cli.Connection;

/// <summary>
/// Decides which server, user and password a command uses. A profile (named by <c>--profile</c> or <c>ENSWITCH_PROFILE</c>,
/// or the default profile when <c>ENSWITCH_SERVER</c> is not set) supplies all of them; otherwise the variables
/// <c>ENSWITCH_SERVER</c>, <c>ENSWITCH_USER</c>, <c>ENSWITCH_PASSWORD</c> and <c>ENSWITCH_AUTHENTICATION</c> do. The two
/// sources are never mixed, so a password meant for one server is never sent to another. <c>--password-stdin</c>
/// supplies the password in either case.
/// </summary>
internal static class ConnectionResolver
{
    /// <summary>The environment variable that holds the password when no secret store holds it.</summary>
    public const string PasswordVariable = "ENSWITCH_PASSWORD";

    /// <summary>What to say when no password was given.</summary>
    public const string HowToGivePassword =
        "Set ENSWITCH_PASSWORD, pipe it with --password-stdin, or save it in the OS secret store with enswitch login.";

    /// <summary>Returns the client options of this run, with the password read; nothing is sent yet.</summary>
    /// <exception cref="CliUsageException">No server, user or password was given, or the profile named does not exist.</exception>
    public static async Task<EnswitchClientOptions> ResolveAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var env = console.Environment;
        var file = new ProfileStore(console.ProfileFolder).Load();
        var named = parse.GetValue(GlobalOptions.Of(parse).Profile) ?? NonEmpty(env("ENSWITCH_PROFILE"));
        string? profileName = named;
        if (profileName is null && NonEmpty(env("ENSWITCH_SERVER")) is null)
        {
            profileName = file.Default;
        }

        var options = new EnswitchClientOptions();
        string? password = null;
        if (profileName is not null)
        {
            if (!file.Profiles.TryGetValue(profileName, out var profile))
            {
                throw new CliUsageException($"There is no profile '{profileName}' in {new ProfileStore(console.ProfileFolder).Path}; enswitch profiles lists them, enswitch login saves one.");
            }

            if (profile.Password == PasswordSource.Environment && !parse.GetValue(GlobalOptions.Of(parse).PasswordStdin)
                && ServerAddress(NonEmpty(env("ENSWITCH_SERVER"))) is { } other && other != profile.Server)
            {
                throw new CliUsageException(
                    $"Profile '{profileName}' takes its password from ENSWITCH_PASSWORD, but ENSWITCH_SERVER names another server ({other.GetLeftPart(UriPartial.Authority)}), so ENSWITCH_PASSWORD may be that server's. Unset ENSWITCH_SERVER, or pipe this profile's password with --password-stdin.");
            }

            options.BaseAddress = profile.Server;
            options.Username = profile.User;
            options.Authentication = profile.Authentication;
            if (!parse.GetValue(GlobalOptions.Of(parse).PasswordStdin))
            {
                password = profile.Password switch
                {
                    PasswordSource.SecretStore => await ReadStoredAsync(console.Secrets, profileName, profile, cancellationToken).ConfigureAwait(false),
                    PasswordSource.Emulator when profile.Server is { IsLoopback: true } => Client.Testing.EnswitchEmulator.DefaultPassword,
                    PasswordSource.Emulator => throw new CliUsageException($"Profile '{profileName}' uses the emulator's password, which the tool sends only to a loopback address; run enswitch login for this server."),
                    _ => null,
                };
            }
        }
        else
        {
            options.BaseAddress = ServerAddress(NonEmpty(env("ENSWITCH_SERVER")));
            options.Username = NonEmpty(env("ENSWITCH_USER"));
            options.Authentication = AuthenticationMode(NonEmpty(env("ENSWITCH_AUTHENTICATION")));
        }

        if (options.BaseAddress is null || options.Username is null)
        {
            throw new CliUsageException(
                "No Enswitch server or user: run enswitch login --server URL --user NAME, or set ENSWITCH_SERVER, ENSWITCH_USER and ENSWITCH_PASSWORD. " +
                "To try the tool, run enswitch emulator in another terminal.");
        }

        options.Password = password ?? await ReadPasswordAsync(parse, console).ConfigureAwait(false);
        ApplyCallTimeout(parse, options);
        return options;
    }

    /// <summary>Applies <c>--call-timeout</c>, when given, to <paramref name="options"/>.</summary>
    /// <exception cref="CliUsageException">It is less than 1 second.</exception>
    public static void ApplyCallTimeout(ParseResult parse, EnswitchClientOptions options)
    {
        if (parse.GetValue(GlobalOptions.Of(parse).CallTimeout) is { } seconds)
        {
            if (seconds < 1)
            {
                throw new CliUsageException("--call-timeout must be at least 1 second.");
            }

            options.TotalTimeout = TimeSpan.FromSeconds(seconds);
            options.AttemptTimeout = TimeSpan.FromSeconds(Math.Min(seconds, options.AttemptTimeout.TotalSeconds));
        }
    }

    /// <summary>Returns the password from <c>--password-stdin</c> or <c>ENSWITCH_PASSWORD</c>.</summary>
    /// <exception cref="CliUsageException">Neither gave one.</exception>
    public static async Task<string> ReadPasswordAsync(ParseResult parse, CliConsole console)
    {
        if (parse.GetValue(GlobalOptions.Of(parse).PasswordStdin))
        {
            if (console.RefuseTerminalInput(GlobalOptions.PasswordStdinName) is { } refusal)
            {
                throw new CliUsageException(refusal);
            }

            var line = await console.Input.ReadLineAsync().ConfigureAwait(false);
            return string.IsNullOrEmpty(line) ? throw new CliUsageException("--password-stdin read no password: standard input was empty.") : line;
        }

        return NonEmpty(console.Environment(PasswordVariable)) ?? throw new CliUsageException("No password. " + HowToGivePassword);
    }

    /// <summary>Parses a server address given by the user.</summary>
    /// <exception cref="CliUsageException">It is not an absolute http or https address.</exception>
    public static Uri? ServerAddress(string? text)
    {
        if (text is null)
        {
            return null;
        }

        // The text is not repeated: a mistyped address may hold a password.
        if (!Uri.TryCreate(text, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            throw new CliUsageException("The server address is not an http or https address; give the Enswitch web server's address, such as https://pbx.example.com/.");
        }

        if (address.UserInfo.Length > 0 || address.Query.Length > 0 || address.Fragment.Length > 0)
        {
            throw new CliUsageException("The server address must not hold a user name, password, query or fragment; give the user with --user or ENSWITCH_USER and the password as the README says.");
        }

        return address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback
            ? throw new CliUsageException("The server address uses http://, which would send the password unencrypted; use https:// (http:// is accepted only for a loopback address such as the emulator's).")
            : address;
    }

    private static EnswitchAuthenticationMode AuthenticationMode(string? text) => text?.ToUpperInvariant() switch
    {
        null or "PASSWORD" => EnswitchAuthenticationMode.Password,
        "TOKEN" => EnswitchAuthenticationMode.Token,
        _ => throw new CliUsageException($"ENSWITCH_AUTHENTICATION is '{text}'; it must be password or token."),
    };

    private static async Task<string> ReadStoredAsync(ISecretStore secrets, string profile, Profile saved, CancellationToken cancellationToken)
    {
        if (!secrets.IsAvailable)
        {
            throw new CliUsageException($"Profile '{profile}' keeps its password in the OS secret store, which is not available here ({secrets.Name}). Pipe the password with --password-stdin.");
        }

        return await secrets.ReadAsync(SecretKey.Of(profile, saved), cancellationToken).ConfigureAwait(false)
            ?? throw new CliUsageException($"The OS secret store ({secrets.Name}) holds no password for profile '{profile}'; run enswitch login --profile {profile} again.");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
