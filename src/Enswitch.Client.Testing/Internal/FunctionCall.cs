using System.Globalization;

namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// One authenticated call to an emulated function: its parameters and caller, with the typed readers
/// that answer 400 with the offending key, as the guide describes.
/// </summary>
internal sealed class FunctionCall
{
    private readonly EmulatorRequest _request;

    public FunctionCall(EmulatorRequest request, EmulatedUser user, EnswitchEmulatorOptions options)
    {
        _request = request;
        User = user;
        Options = options;
    }

    public EmulatedUser User { get; }

    public EnswitchEmulatorOptions Options { get; }

    public string? this[string name] => _request[name];

    public bool IsValidationOnly => this["validation"] == "1";

    /// <summary>Gets the 400 to answer for the first parameter that failed to read, if any.</summary>
    public FunctionResult? FirstError { get; private set; }

    /// <summary>Reads an optional whole number within a range; a bad value records the 400 to answer.</summary>
    public long? Integer(string name, long min, long max)
    {
        var text = this[name];
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            FirstError ??= FunctionResult.Invalid(name, $"Invalid {name} specified");
            return null;
        }

        return parsed;
    }

    /// <summary>Reads an optional 0/1 flag; a bad value records the 400 to answer.</summary>
    public bool? Flag(string name) => Integer(name, 0, 1) is { } value ? value == 1 : null;

    /// <summary>
    /// Returns whether the emulated version knows a parameter added in <paramref name="since"/>; an
    /// older server ignores it, as the journal flags it unknown.
    /// </summary>
    public bool Knows(Version since) => Options.Version >= since;
}
