using System.Globalization;

namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// Every catalogued function that has no hand-written behaviour, served from what the catalogue says about it:
/// its parameters (400 for a missing required one or a value not of its type), roles, authentication and
/// version; and, by its action word, what it does to the objects of its category (see
/// <see cref="CatalogueOperation"/>), answered in its documented shape.
/// </summary>
/// <remarks>
/// What the guide does not describe is the emulator's choice, kept simple and predictable: objects are not
/// scoped by customer; a list answers every stored object of its category in id order (filtered only by the
/// parameters the list requires, for the rows that store them; <c>sort</c> and the other filters are
/// ignored), honouring <c>offset</c> and <c>limit</c> (0 = all); functions of other actions store nothing and
/// look nothing up; an import counts the non-empty lines of its <c>csv</c>.
/// </remarks>
internal static class CatalogueFunctions
{
    /// <summary>Returns a function for every catalogued one not in <paramref name="handWritten"/>.</summary>
    public static IEnumerable<FunctionSpec> Except(IReadOnlyCollection<string> handWritten) =>
        EmulatedCatalogue.Functions.Values
            .Where(f => !handWritten.Contains(f.Name))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(Spec);

    private static FunctionSpec Spec(CatalogueEntry entry)
    {
        // Parameters that came with the function are known from the first JSON API version: the function's own
        // version only counts when it is not inferred, and then an older server does not know the function at all.
        var parameters = new Dictionary<string, Version>(StringComparer.Ordinal);
        foreach (var parameter in entry.Parameters)
        {
            parameters.TryAdd(parameter.Name, parameter.Since ?? EnswitchVersions.JsonApi);
        }

        var category = CatalogueCategory.All[entry.Category];
        return new FunctionSpec(entry.Name, EnswitchRoles.None, parameters, (call, state) => Serve(entry, category, call, state))
        {
            // As in the SDK: a version inferred from the earliest guide seen is no ground to refuse the function.
            Since = entry.SinceInferred ? EnswitchVersions.JsonApi : entry.Since,
            Privileges = entry.Roles,
            Authentication = entry.Authentication,
            Category = entry.Category,
        };
    }

    private static FunctionResult Serve(CatalogueEntry entry, CatalogueCategory category, FunctionCall call, EmulatorState state)
    {
        if (FirstInvalid(entry, call) is { } invalid)
        {
            return invalid;
        }

        var store = state.Objects(category.Name);
        var sent = Sent(entry, call);
        var key = Values(category.Key, sent, entry);
        var answer = new CatalogueAnswer(entry, category, call, state.NextId);
        if (entry.Operation is CatalogueOperation.Create)
        {
            return Create(entry, category, call, state, store, sent, answer);
        }

        var looksUp = key is not null && entry.Operation is CatalogueOperation.Get or CatalogueOperation.Update or CatalogueOperation.Delete;
        var found = looksUp ? store.Find(key!) : null;
        if (looksUp && found is null)
        {
            return NotFound(key!);
        }

        if (entry.AcceptsValidation && call.IsValidationOnly)
        {
            return FunctionResult.Validated();
        }

        return entry.Operation switch
        {
            CatalogueOperation.Get when looksUp => answer.Of([found!]),
            CatalogueOperation.Update when looksUp => store.Update(key!, sent.Where(p => !category.Key.Contains(p.Key))) is { } updated ? answer.Of([updated]) : NotFound(key!),
            CatalogueOperation.Delete when looksUp => store.Remove(key!) ? answer.Of(null) : NotFound(key!),
            CatalogueOperation.Set => answer.Of([store.Set(Identity(entry, category, sent), sent, state.NextId)]),
            CatalogueOperation.List => answer.Of(Page(entry, call, store.Snapshot().Where(o => HasRequiredValues(entry, call, o)))),
            _ => answer.Of(null),
        };
    }

    private static FunctionResult Create(CatalogueEntry entry, CatalogueCategory category, FunctionCall call, EmulatorState state, ObjectStore store, List<KeyValuePair<string, string>> sent, CatalogueAnswer answer)
    {
        // An object identified by something other than its id (a mailbox by its number) cannot be created twice;
        // the guide does not say how Enswitch refuses it, so the emulator answers 400 naming the parameter.
        var unique = category.Key is ["id"] ? null : Values(category.Key, sent, entry);
        if (unique is not null && store.Find(unique) is not null)
        {
            return Duplicate(unique);
        }

        if (entry.AcceptsValidation && call.IsValidationOnly)
        {
            return FunctionResult.Validated();
        }

        return store.Add(sent, unique ?? [], state.NextId) is { } created ? answer.Of([created]) : Duplicate(unique!);
    }

    /// <summary>
    /// Returns the 400 for the first parameter, in the guide's order, that is required and missing, or whose
    /// value is not of its type (a whole number, a decimal number, base64). A parameter the emulated version
    /// does not know is neither required nor checked: that server ignores it.
    /// </summary>
    private static FunctionResult? FirstInvalid(CatalogueEntry entry, FunctionCall call)
    {
        foreach (var parameter in entry.Parameters)
        {
            if (parameter.Since is { } since && !call.Knows(since))
            {
                continue;
            }

            var value = call[parameter.Name];
            var valid = value is null
                ? parameter.Required != ParameterRequirement.Yes
                : parameter.Type switch
                {
                    ParameterType.Integer => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
                    ParameterType.Decimal => decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _),
                    ParameterType.Base64 => Convert.TryFromBase64String(value, new byte[value.Length], out _),
                    _ => true,
                };
            if (!valid)
            {
                return FunctionResult.Invalid(parameter.Name, $"Invalid {parameter.Name} specified");
            }
        }

        return null;
    }

    /// <summary>Returns the documented parameters the call sent (the first value of each), without <c>validation</c>: what an object stores.</summary>
    private static List<KeyValuePair<string, string>> Sent(CatalogueEntry entry, FunctionCall call) =>
        [.. entry.Parameters
            .Where(p => p.Name != "validation")
            .Select(p => (p.Name, Value: call[p.Name]))
            .Where(p => p.Value is not null)
            .Select(p => new KeyValuePair<string, string>(p.Name, p.Value!))];

    /// <summary>Returns the values of <paramref name="names"/> among the sent parameters, or <see langword="null"/> when the function does not take them all or the call left one out.</summary>
    private static List<KeyValuePair<string, string>>? Values(IReadOnlyList<string> names, List<KeyValuePair<string, string>> sent, CatalogueEntry entry)
    {
        if (names.Count == 0 || names.Any(n => entry.Parameter(n) is null))
        {
            return null;
        }

        var values = names.Select(n => sent.FirstOrDefault(p => p.Key == n)).ToList();
        return values.All(v => v.Key is not null) ? values : null;
    }

    /// <summary>
    /// Returns what identifies the object a <c>set</c> stores: the category's key when the call gives it, else
    /// the required parameters but the last (the value being set), leaving out a destination pair
    /// (<c>dtype</c>, <c>dnumber</c>), which is a value too: <c>preferences/set</c> by <c>name</c>,
    /// <c>roles/access/set</c> by <c>role</c> and <c>privilege</c>, <c>ivrs/destinations/set</c> by <c>ivr</c> and <c>name</c>.
    /// </summary>
    private static List<KeyValuePair<string, string>> Identity(CatalogueEntry entry, CatalogueCategory category, List<KeyValuePair<string, string>> sent)
    {
        if (Values(category.Key, sent, entry) is { } key)
        {
            return key;
        }

        var required = entry.Parameters.Where(p => p.Required == ParameterRequirement.Yes).Select(p => p.Name).ToList();
        var identity = required.Take(required.Count - 1).Where(n => n is not ("dtype" or "dnumber")).ToHashSet(StringComparer.Ordinal);
        return [.. sent.Where(p => identity.Contains(p.Key))];
    }

    /// <summary>Returns whether a stored object agrees with every parameter the list requires, where the object stores that field.</summary>
    private static bool HasRequiredValues(CatalogueEntry entry, FunctionCall call, EmulatedObject row) =>
        entry.Parameters
            .Where(p => p.Required == ParameterRequirement.Yes && p.Name != "id")
            .All(p => call[p.Name] is not { } value || !row.Fields.TryGetValue(p.Name, out var stored) || stored == value);

    /// <summary>Applies <c>offset</c> and <c>limit</c> (0 = all) where the function documents them.</summary>
    private static List<EmulatedObject> Page(CatalogueEntry entry, FunctionCall call, IEnumerable<EmulatedObject> rows)
    {
        var offset = entry.Parameter("offset") is null ? null : call["offset"];
        var limit = entry.Parameter("limit") is null ? null : call["limit"];
        if (offset is not null && long.TryParse(offset, CultureInfo.InvariantCulture, out var skip) && skip > 0)
        {
            rows = rows.Skip((int)Math.Min(skip, int.MaxValue));
        }

        if (limit is not null && long.TryParse(limit, CultureInfo.InvariantCulture, out var take) && take > 0)
        {
            rows = rows.Take((int)Math.Min(take, int.MaxValue));
        }

        return [.. rows];
    }

    /// <summary>The 404 for an object that is missing; the key names the first parameter that identified it (the emulator's choice, as for the recording functions).</summary>
    private static FunctionResult NotFound(List<KeyValuePair<string, string>> key) => FunctionResult.NotFound(key[0].Key);

    private static FunctionResult Duplicate(List<KeyValuePair<string, string>> key) =>
        FunctionResult.Invalid(key[0].Key, $"{key[0].Key} already exists");
}
