using System.CommandLine;
using Enswitch.Cli.Connection;
using Enswitch.Client;

namespace Enswitch.Cli.Commands;

/// <summary>
/// <c>enswitch login --server URL --user NAME</c>: checks the credentials with one authenticated read, then saves the
/// password in an entry of its own in the OS secret store and the profile (server, user, authentication mode, where the
/// password comes from, which entry holds it) in the profile file. The password is read from <c>--password-stdin</c> or <c>ENSWITCH_PASSWORD</c>, never from an
/// argument, and never written to the profile file. Everything it says goes to stderr; stdout stays empty.
/// </summary>
internal static class LoginCommand
{
    /// <summary>
    /// The read that checks the credentials: the cheapest authenticated call, as the health check's (no parameter, one
    /// small object, the <c>user</c> role only, every Enswitch version; without <c>token=1</c> it issues no token).
    /// </summary>
    public const string CheckFunction = "user/login";

    private const string Store = "store";
    private const string Environment = "environment";

    /// <summary>What to say when login was given no password.</summary>
    public const string HowToGivePassword =
        "enswitch login needs the password once, to check it and to save it: pipe it with --password-stdin " +
        "(read -rs P && printf '%s\\n' \"$P\" | enswitch login ... --password-stdin) or set ENSWITCH_PASSWORD for this run. " +
        "It is never taken as an argument.";

    /// <summary>Builds the command.</summary>
    public static Command Build(CliConsole console)
    {
        var server = new Option<string>("--server")
        {
            Description = "The Enswitch web server's address, such as https://pbx.example.com/.",
            HelpName = "url",
            Required = true,
        };
        var user = new Option<string>("--user")
        {
            Description = "The API user name.",
            HelpName = "name",
            Required = true,
        };
        var token = new Option<bool>("--token")
        {
            Description = "Authenticate with a session token (Enswitch 4.1 and later): the password is sent once per run, to log in, and the calls carry the token.",
        };
        var source = new Option<string>("--password-source")
        {
            Description = "Where later commands find the password: store (the OS secret store; the default where one is available) or environment " +
                "(ENSWITCH_PASSWORD or --password-stdin at each run; nothing is saved). The profile file never holds the password.",
            HelpName = "store|environment",
        };
        source.AcceptOnlyFromAmong(Store, Environment);
        var noVerify = new Option<bool>("--no-verify")
        {
            Description = "Save without checking the credentials against the server (nothing is sent).",
        };
        var makeDefault = new Option<bool>("--default")
        {
            Description = "Make this the default profile, used when neither --profile nor ENSWITCH_PROFILE names one. The first profile saved is the default anyway.",
        };
        var command = new Command(
            "login",
            "Check credentials and save them as a connection profile: server, user and authentication mode in the profile file, the password in the OS secret store " +
            "(or nowhere, with --password-source environment). --profile names the profile (default: ENSWITCH_PROFILE, else 'default'). " +
            "The password comes from --password-stdin or ENSWITCH_PASSWORD, never from an argument.")
        {
            server, user, token, source, noVerify, makeDefault,
        };
        command.SetAction((parse, cancellationToken) => ProfileCommands.RunAsync(
            console,
            "enswitch login",
            "Nothing was saved.",
            () => RunAsync(
                new Request(
                    parse.GetValue(server)!,
                    parse.GetValue(user)!,
                    parse.GetValue(token) ? EnswitchAuthenticationMode.Token : EnswitchAuthenticationMode.Password,
                    parse.GetValue(source),
                    !parse.GetValue(noVerify),
                    parse.GetValue(makeDefault)),
                parse,
                console,
                cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(Request request, ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var name = ProfileCommands.NamedProfile(parse, console) ?? ProfileStore.DefaultName;
        var server = ConnectionResolver.ServerAddress(request.Server)!;
        if (string.IsNullOrWhiteSpace(request.User))
        {
            throw new CliUsageException("--user must name the API user.");
        }

        var quiet = parse.GetValue(GlobalOptions.Of(parse).Quiet);
        var secrets = console.Secrets;
        var source = await ChooseSourceAsync(request.Source, secrets, console).ConfigureAwait(false);
        var needsPassword = request.Verify || source == PasswordSource.SecretStore;
        string? password = null;
        if (needsPassword)
        {
            var piped = parse.GetValue(GlobalOptions.Of(parse).PasswordStdin);
            if (!piped && string.IsNullOrEmpty(console.Environment(ConnectionResolver.PasswordVariable)))
            {
                throw new CliUsageException(HowToGivePassword);
            }

            password = await ConnectionResolver.ReadPasswordAsync(parse, console).ConfigureAwait(false);
        }

        var profile = new Profile { Server = server, User = request.User, Authentication = request.Authentication, Password = source };
        var described = $"user '{profile.User}' at {server}, {ProfileCommands.ModeName(profile.Authentication)} authentication";
        if (request.Verify)
        {
            var accepted = await CheckAsync(profile, password!, parse, console, cancellationToken).ConfigureAwait(false);
            await NoticeAsync(console, quiet, accepted ?? $"Checked: the server accepted the credentials ({described}).").ConfigureAwait(false);
        }

        // The password goes into an entry of its own first, then the profile that names it into the file: a failure in
        // between removes the new entry again, so there is never a profile naming a missing entry, nor an entry no
        // profile names. The entry the profile named before goes last, once nothing refers to it.
        var store = new ProfileStore(console.ProfileFolder);
        SecretKey? key = null;
        if (source == PasswordSource.SecretStore)
        {
            key = SecretKey.New(name, server, request.User);
            profile.SecretId = key.Id;
            await secrets.WriteAsync(key, password!, cancellationToken).ConfigureAwait(false);
        }

        Saved saved;
        try
        {
            saved = store.Update(file =>
            {
                file.Profiles.TryGetValue(name, out var previous);
                file.Profiles[name] = profile;
                var isDefault = request.MakeDefault || file.Default is null || !file.Profiles.ContainsKey(file.Default) || file.Default == name;
                if (isDefault)
                {
                    file.Default = name;
                }

                return new Saved(previous, isDefault, file.Default!);
            });
        }
        catch when (key is not null)
        {
            await ProfileCommands.RemoveSecretAsync(console, key, "just saved for the profile that could not be saved", CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await NoticeAsync(console, quiet, $"{(saved.Previous is null ? "Saved" : "Replaced")} profile '{name}' in {store.Path} ({described}); the file holds no password.").ConfigureAwait(false);
        await NoticeAsync(
            console,
            quiet,
            source == PasswordSource.SecretStore
                ? $"The password is in {secrets.Name}, under profile '{name}'."
                : $"The password is not saved: set ENSWITCH_PASSWORD or pipe it with --password-stdin at each run of a command with this profile.").ConfigureAwait(false);
        if (saved.Previous is { Password: PasswordSource.SecretStore } previous && SecretKey.TryOf(name, previous) is { } unused && unused.Id != key?.Id)
        {
            // The profile kept its password in an entry of its own before; it must not stay there unused.
            await ProfileCommands.RemoveSecretAsync(console, unused, "the profile used before", cancellationToken).ConfigureAwait(false);
        }

        await NoticeAsync(
            console,
            quiet,
            saved.IsDefault
                ? $"'{name}' is the default profile: commands use it when neither --profile nor ENSWITCH_PROFILE names one."
                : $"The default profile is still '{saved.Default}'; give --profile {name} (or ENSWITCH_PROFILE={name}) to use this one, or run enswitch login again with --default.").ConfigureAwait(false);
        return Failures.ExitCodes.Success;
    }

    // An explicit choice is kept or refused; without one, the store where there is one, else the environment (said on stderr
    // even with --quiet, since every later run then needs the password).
    private static async Task<PasswordSource> ChooseSourceAsync(string? requested, ISecretStore secrets, CliConsole console)
    {
        switch (requested)
        {
            case Environment:
                return PasswordSource.Environment;
            case Store when !secrets.IsAvailable:
                throw new CliUsageException($"--password-source store: no OS secret store is available here ({secrets.Name}). Use --password-source environment and set ENSWITCH_PASSWORD at each run.");
            case Store:
                return PasswordSource.SecretStore;
            default:
                if (secrets.IsAvailable)
                {
                    return PasswordSource.SecretStore;
                }

                await console.Error.WriteLineAsync(
                    $"warning: no OS secret store is available here ({secrets.Name}), so the password will not be saved: " +
                    "ENSWITCH_PASSWORD must be set (or the password piped with --password-stdin) at each run.").ConfigureAwait(false);
                return PasswordSource.Environment;
        }
    }

    // Returns null when the server accepted the credentials, or the notice to print when it accepted them but refused the
    // check itself (a role or rate plan without user/login: codes 402 and 403 come after authentication).
    private static async Task<string?> CheckAsync(Profile profile, string password, ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var options = new EnswitchClientOptions
        {
            BaseAddress = profile.Server,
            Username = profile.User,
            Password = password,
            Authentication = profile.Authentication,
        };
        ConnectionResolver.ApplyCallTimeout(parse, options);
        using var client = EnswitchClient.Create(options);
        try
        {
            await client.CallAsync(CheckFunction, [], OperationKind.Read, cancellationToken: cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (EnswitchApiException denied) when (denied is RoleDeniedException or RatePlanDeniedException)
        {
            var what = denied is RoleDeniedException ? "role" : "rate plan";
            return $"Checked: the server accepted the credentials of user '{profile.User}', but the user's {what} does not permit {CheckFunction} (code {denied.Code}); commands the {what} permits will work.";
        }
    }

    private static Task NoticeAsync(CliConsole console, bool quiet, string text) =>
        quiet ? Task.CompletedTask : console.Error.WriteLineAsync(text);

    private sealed record Request(string Server, string User, EnswitchAuthenticationMode Authentication, string? Source, bool Verify, bool MakeDefault);

    // What saving the profile found and did: the profile it replaced, and which profile is the default now.
    private sealed record Saved(Profile? Previous, bool IsDefault, string Default);
}
