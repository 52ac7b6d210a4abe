namespace Enswitch.Client.Transport;

/// <summary>
/// The Enswitch versions that added functions and parameters (enswitch-api.md section 5), and the check
/// that refuses them before sending when <see cref="EnswitchClientOptions.ServerVersion"/> is older.
/// </summary>
internal static class VersionGate
{
    public static readonly Version FractionZero = new(3, 14);
    public static readonly Version Beep = new(3, 15);
    public static readonly Version Wrap = new(3, 15);
    public static readonly Version RecordingsStart = new(4, 1);
    public static readonly Version Tokens = new(4, 1);
    public static readonly Version Transcribe = new(4, 2);

    /// <summary>The first guide version that no longer lists the record group <c>message</c> parameter (quirk 7).</summary>
    public static readonly Version MessageUnlisted = new(4, 4);

    /// <summary>
    /// Throws when <paramref name="used"/> is true and the server is at or after <paramref name="unlisted"/>,
    /// whose guide no longer lists the feature: whether such a server still honours it is unknown, and a
    /// silently ignored parameter is worse than a clear refusal.
    /// </summary>
    public static void RequireListed(Version? server, bool used, string feature, Version unlisted)
    {
        if (used && server is not null && server >= unlisted)
        {
            throw new EnswitchFeatureNotSupportedException(
                $"{feature} is not listed in the Enswitch {unlisted} guide, and ServerVersion is {server}; whether such a server honours it is unknown, so nothing was sent. Leave it unset, or leave ServerVersion unset if your server accepts it.",
                feature,
                null,
                server);
        }
    }

    /// <summary>Throws when <paramref name="used"/> is true and the server is older than <paramref name="since"/>.</summary>
    public static void Require(Version? server, bool used, string feature, Version since)
    {
        if (used && server is not null && server < since)
        {
            throw new EnswitchFeatureNotSupportedException(feature, since, server);
        }
    }

    /// <summary>
    /// Applies the same refusals to a call by function name as the typed methods apply, so that a raw call
    /// cannot send what <see cref="EnswitchClientOptions.ServerVersion"/> says the server lacks: the versions
    /// the catalogue gives the function and its parameters, and the rules the guide states only in prose.
    /// </summary>
    public static void CheckRaw(Version? server, string function, IReadOnlyList<KeyValuePair<string, string>> parameters, CataloguedFunction? catalogued)
    {
        if (server is null)
        {
            return;
        }

        if (catalogued?.Since is { } functionSince)
        {
            Require(server, true, $"Function '{function}'", functionSince);
        }

        var isGroupWrite = function is "recording/groups/create" or "recording/groups/update";
        foreach (var (name, value) in parameters)
        {
            if (catalogued is not null && catalogued.ParameterSince.TryGetValue(name, out var since))
            {
                Require(server, true, $"Parameter '{name}'", since);
            }

            Require(server, isGroupWrite && name == "fraction" && value.Trim() == "0", "A save percentage of 0 (on-demand recording only)", FractionZero);
            Require(server, function == "user/login" && name == "token", "Parameter 'token'", Tokens);
            RequireListed(server, isGroupWrite && name == "message", "Parameter 'message' (Announcement)", MessageUnlisted);
        }
    }
}
