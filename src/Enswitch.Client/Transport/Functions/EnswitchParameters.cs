using System.Globalization;

namespace Enswitch.Client.Transport;

/// <summary>
/// The ordered wire parameters of one call: only values the caller set, already in their Enswitch
/// text form (booleans as 1/0, enums as their documented strings, numbers invariant).
/// </summary>
internal sealed class EnswitchParameters
{
    // Most calls set a handful of parameters; a list of many grows once.
    private readonly List<KeyValuePair<string, string>> _items = new(8);
    private List<string>? _secrets;

    /// <summary>Gets the parameters in the order they were added.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Items => _items;

    /// <summary>Gets the values of the parameters that are secrets, which nothing the call quotes may show.</summary>
    public IReadOnlyList<string> Secrets => (IReadOnlyList<string>?)_secrets ?? [];

    /// <summary>Marks a value sent with this call as a secret (a password or PIN parameter).</summary>
    public EnswitchParameters MarkSecret(string value)
    {
        if (value.Length > 0)
        {
            (_secrets ??= []).Add(value);
        }

        return this;
    }

    /// <summary>Adds a string parameter; <see langword="null"/> means not set and adds nothing.</summary>
    public EnswitchParameters Add(string name, string? value)
    {
        if (value is not null)
        {
            _items.Add(new(name, value));
        }

        return this;
    }

    /// <summary>Adds an integer parameter; <see langword="null"/> means not set and adds nothing.</summary>
    public EnswitchParameters Add(string name, long? value) =>
        value is { } v ? Add(name, v.ToString(CultureInfo.InvariantCulture)) : this;

    /// <summary>Adds a decimal parameter in invariant form; <see langword="null"/> means not set and adds nothing.</summary>
    public EnswitchParameters Add(string name, decimal? value) =>
        value is { } v ? Add(name, v.ToString(CultureInfo.InvariantCulture)) : this;

    /// <summary>Adds bytes base64-encoded; <see langword="null"/> means not set and adds nothing.</summary>
    public EnswitchParameters Add(string name, ReadOnlyMemory<byte>? value) =>
        value is { } v ? Add(name, Convert.ToBase64String(v.ToArray())) : this;

    /// <summary>Returns a copy to add to, with the same parameters and secrets.</summary>
    public EnswitchParameters Copy()
    {
        var copy = new EnswitchParameters();
        copy._items.AddRange(_items);
        if (_secrets is not null)
        {
            copy._secrets = [.. _secrets];
        }

        return copy;
    }

    /// <summary>Adds a boolean parameter as Enswitch's 1 or 0; <see langword="null"/> adds nothing.</summary>
    public EnswitchParameters Add(string name, bool? value) =>
        value is { } v ? Add(name, v ? "1" : "0") : this;
}
