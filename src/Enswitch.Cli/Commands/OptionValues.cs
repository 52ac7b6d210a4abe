using System.Globalization;
using Enswitch.Cli.Catalogue;

namespace Enswitch.Cli.Commands;

/// <summary>
/// Checks an option's value against what the parameter accepts and returns the text sent on the wire, or an error that
/// says what is accepted. Nothing here echoes a secret: secret parameters never pass through it.
/// </summary>
internal static class OptionValues
{
    /// <summary>Returns the wire text of <paramref name="value"/> for <paramref name="parameter"/>, or an error message.</summary>
    public static (string? Wire, string? Error) ToWire(CliParameter parameter, string value)
    {
        var option = parameter.OptionName;
        switch (parameter.Type)
        {
            case CliValueType.Integer:
                return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    ? (number.ToString(CultureInfo.InvariantCulture), null)
                    : (null, $"{option} takes a whole number, not '{value}'.");
            case CliValueType.Decimal:
                return decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                    ? (amount.ToString(CultureInfo.InvariantCulture), null)
                    : (null, $"{option} takes a number with a dot for decimals (12.50), not '{value}'.");
            case CliValueType.Time:
                return Time(value) is { } seconds
                    ? (seconds.ToString(CultureInfo.InvariantCulture), null)
                    : (null, $"{option} takes a date (2026-11-01, midnight UTC), a date and time (2026-11-01T09:30:00+01:00; UTC without an offset) or Unix seconds, not '{value}'.");
            case CliValueType.Flag:
                return Flag(value) is { } flag
                    ? (flag ? "1" : "0", null)
                    : (null, $"{option} takes true or false (or 1 or 0), not '{value}'; --{parameter.Name.Replace('_', '-')} alone means true.");
            case CliValueType.Choice:
                return parameter.Values.Contains(value, StringComparer.Ordinal) || (value.Length == 0 && parameter.AllowsEmpty)
                    ? (value, null)
                    : (null, $"{option} takes {string.Join(", ", parameter.Values)}{(parameter.AllowsEmpty ? " or an empty value" : string.Empty)}, not '{value}'. To send a value the guide does not list, use --param {parameter.Name}={value}.");
            case CliValueType.Base64:
                return Base64(value, option);
            default:
                return (value, null);
        }
    }

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Returns the Unix seconds of a date, a date and time (UTC when no offset is given) or a whole number, or null.</summary>
    public static long? Time(string value)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }

        // ISO 8601 only: a culture's form such as 11/01/2026 is ambiguous (1 November or 11 January).
        return DateTimeOffset.TryParseExact(value, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeSeconds()
            : null;
    }

    /// <summary>Returns the flag a text means: true, false, yes, no, on, off, 1 or 0 (any case), else null.</summary>
    public static bool? Flag(string value) => value.ToUpperInvariant() switch
    {
        "TRUE" or "YES" or "ON" or "1" => true,
        "FALSE" or "NO" or "OFF" or "0" => false,
        _ => null,
    };

    private static (string? Wire, string? Error) Base64(string value, string option)
    {
        if (value.StartsWith('@'))
        {
            var path = value[1..];
            try
            {
                return (Convert.ToBase64String(File.ReadAllBytes(path)), null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return (null, $"{option}: the file '{path}' cannot be read ({e.Message}).");
            }
        }

        var buffer = new byte[(value.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(value, buffer, out _)
            ? (value, null)
            : (null, $"{option} takes @PATH to send a file, or base64 text; the value given is neither.");
    }
}
