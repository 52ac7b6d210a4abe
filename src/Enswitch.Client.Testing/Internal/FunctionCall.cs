using System.Globalization;

namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// One authenticated call to an emulated function: its parameters and caller, with the typed readers
/// that answer 400 with the offending key, as the guide describes.
/// </summary>
internal sealed class FunctionCall
{
    private readonly EmulatorRequest _request;
    private readonly EmulatedUser? _user;

    public FunctionCall(EmulatorRequest request, EmulatedUser? user, EnswitchEmulatorOptions options)
    {
        _request = request;
        _user = user;
        Options = options;
    }

    /// <summary>
    /// Gets the authenticated caller. Only a function the catalogue serves without authentication (or with
    /// optional authentication) is ever called anonymously, and those never ask for the caller.
    /// </summary>
    public EmulatedUser User => _user ?? throw new InvalidOperationException("An anonymous call has no user.");

    public EnswitchEmulatorOptions Options { get; }

    /// <summary>Gets the emulator's current time, from its <see cref="EnswitchEmulatorOptions.TimeProvider"/>.</summary>
    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    /// <summary>
    /// Gets a parameter's value, or <see langword="null"/> when it was not sent or the emulated version does
    /// not know it: an older server ignores parameters added after it.
    /// </summary>
    public string? this[string name] => _request.UnknownParameters.Contains(name, StringComparer.Ordinal) ? null : _request[name];

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
            return Fail<long?>(name, null);
        }

        return parsed;
    }

    /// <summary>Reads a required whole number within a range; a missing or bad value records the 400 to answer.</summary>
    public long RequiredInteger(string name, long min, long max) =>
        this[name] is null ? Fail(name, 0L) : Integer(name, min, max) ?? 0;

    /// <summary>Reads an optional 0/1 flag; a bad value records the 400 to answer.</summary>
    public bool? Flag(string name) => Integer(name, 0, 1) is { } value ? value == 1 : null;

    /// <summary>Reads a required text; a missing or empty value records the 400 to answer.</summary>
    public string RequiredText(string name) =>
        this[name] is { Length: > 0 } text ? text : Fail(name, string.Empty);

    /// <summary>
    /// Reads an optional text that must be one of <paramref name="allowed"/> (compared exactly, as the
    /// guide lists them in lower case); a value outside records the 400 to answer.
    /// </summary>
    public string Choice(string name, string fallback, IEnumerable<string> allowed)
    {
        var text = this[name];
        if (text is null)
        {
            return fallback;
        }

        return allowed.Contains(text, StringComparer.Ordinal) ? text : Fail(name, fallback);
    }

    /// <summary>
    /// Returns whether the emulated version knows a parameter added in <paramref name="since"/>; an
    /// older server ignores it, as the journal flags it unknown.
    /// </summary>
    public bool Knows(Version since) => Options.Version >= since;

    private T Fail<T>(string name, T fallback)
    {
        FirstError ??= FunctionResult.Invalid(name, $"Invalid {name} specified");
        return fallback;
    }
}
