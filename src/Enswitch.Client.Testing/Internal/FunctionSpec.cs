namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// An emulated function: the role privileges that may call it (any one suffices, whether a flag of
/// <paramref name="AllowedRoles"/> or a name in <see cref="Privileges"/>; with neither, any authenticated user
/// may), the parameters the guide documents for it (with the version that added each), its behaviour, and the
/// version that added the function itself.
/// </summary>
internal sealed record FunctionSpec(
    string Name,
    EnswitchRoles AllowedRoles,
    IReadOnlyDictionary<string, Version> Parameters,
    Func<FunctionCall, EmulatorState, FunctionResult> Handle)
{
    /// <summary>Gets the version that added the function; an older emulated server does not know it at all.</summary>
    public Version Since { get; init; } = EnswitchVersions.JsonApi;

    /// <summary>
    /// Gets the parameters a later guide no longer lists, with the first version that omits each; from that
    /// version on the emulator treats them as unknown.
    /// </summary>
    public IReadOnlyDictionary<string, Version> Unlisted { get; init; } = new Dictionary<string, Version>(StringComparer.Ordinal);

    /// <summary>Gets the role privileges, by the catalogue's names, of which a caller needs one (besides <see cref="AllowedRoles"/>).</summary>
    public IReadOnlyList<string> Privileges { get; init; } = [];

    /// <summary>Gets whether the function takes credentials; only the catalogue's functions are served without.</summary>
    public CatalogueAuthentication Authentication { get; init; } = CatalogueAuthentication.Required;

    /// <summary>Gets the category whose objects a function served from the catalogue keeps, or <see langword="null"/> for a hand-written one.</summary>
    public string? Category { get; init; }

    /// <summary>Returns whether <paramref name="user"/> may call this function (otherwise 402).</summary>
    public bool Permits(EmulatedUser user) =>
        (AllowedRoles == EnswitchRoles.None && Privileges.Count == 0)
        || (user.EffectiveRoles & AllowedRoles) != 0
        || Privileges.Any(user.HasPrivilege);

    /// <summary>
    /// Returns whether a request that did not authenticate is served all the same: always for a function the
    /// guide runs without authentication, and for one with optional authentication when it carried no
    /// credential at all (wrong credentials still answer 401).
    /// </summary>
    public bool ServesAnonymously(EmulatorRequest request) => Authentication switch
    {
        CatalogueAuthentication.None => true,
        CatalogueAuthentication.Optional => request["auth_username"] is null && request["auth_password"] is null && request["auth_token"] is null,
        _ => false,
    };

    /// <summary>Returns the names in <paramref name="names"/> this function does not document in <paramref name="version"/>.</summary>
    public List<string> UnknownParameters(IEnumerable<string> names, Version version)
    {
        var unknown = new List<string>();
        foreach (var name in names)
        {
            // Credentials belong to every function rather than to its table; the token form came with 4.1.
            var known = name is "auth_username" or "auth_password"
                || (name == "auth_token" && version >= EnswitchVersions.Tokens)
                || (Parameters.TryGetValue(name, out var since) && since <= version
                    && !(Unlisted.TryGetValue(name, out var unlisted) && version >= unlisted));
            if (!known && !unknown.Contains(name))
            {
                unknown.Add(name);
            }
        }

        return unknown;
    }

    /// <summary>Builds the parameter table: each name is documented since 3.13 unless a version follows it.</summary>
    public static IReadOnlyDictionary<string, Version> Table(params (string Name, Version? Since)[] parameters) =>
        parameters.ToDictionary(p => p.Name, p => p.Since ?? EnswitchVersions.JsonApi, StringComparer.Ordinal);
}
