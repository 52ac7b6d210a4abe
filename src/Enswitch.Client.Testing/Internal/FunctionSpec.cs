namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// An emulated function: the role privileges that may call it (any one suffices), the parameters the
/// guide documents for it (with the version that added each), and its behaviour.
/// </summary>
internal sealed record FunctionSpec(
    string Name,
    EnswitchRoles AllowedRoles,
    IReadOnlyDictionary<string, Version> Parameters,
    Func<FunctionCall, EmulatorState, FunctionResult> Handle)
{
    private static readonly Version First = new(3, 13);

    /// <summary>Returns the names in <paramref name="names"/> this function does not document in <paramref name="version"/>.</summary>
    public List<string> UnknownParameters(IEnumerable<string> names, Version version)
    {
        var unknown = new List<string>();
        foreach (var name in names)
        {
            var known = name is "auth_username" or "auth_password"
                || (Parameters.TryGetValue(name, out var since) && since <= version);
            if (!known && !unknown.Contains(name))
            {
                unknown.Add(name);
            }
        }

        return unknown;
    }

    /// <summary>Builds the parameter table: each name is documented since 3.13 unless a version follows it.</summary>
    public static IReadOnlyDictionary<string, Version> Table(params (string Name, Version? Since)[] parameters) =>
        parameters.ToDictionary(p => p.Name, p => p.Since ?? First, StringComparer.Ordinal);
}
