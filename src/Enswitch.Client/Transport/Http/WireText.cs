namespace Enswitch.Client.Transport;

/// <summary>
/// Checks that a text can travel as UTF-8 unchanged. A lone surrogate cannot: percent-encoding would
/// silently turn it into U+FFFD, so the server would store a different value than the caller gave.
/// </summary>
internal static class WireText
{
    /// <summary>Returns whether <paramref name="text"/> has no unpaired surrogate.</summary>
    public static bool IsWellFormed(string? text)
    {
        if (text is null)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="parameterName"/> when the text is not well formed.</summary>
    public static void EnsureWellFormed(string? text, string parameterName)
    {
        if (!IsWellFormed(text))
        {
            throw new ArgumentException("The text holds an unpaired UTF-16 surrogate, which cannot be sent unchanged.", parameterName);
        }
    }

    /// <summary>
    /// Percent-encodes a name or value for the query of GET mode in the guide's own form: UTF-8, with the
    /// unreserved characters and <c>: / @ ,</c> left as they are (the guide's examples print MAC addresses,
    /// paths, URLs and lists that way, and a query may hold them unencoded), and everything else, the
    /// separators <c>; &amp; = + %</c> and space included, as <c>%XX</c>.
    /// </summary>
    public static string EscapeQueryValue(string text)
    {
        // EscapeDataString writes upper-case hex and escapes '%' itself as %25, so these four sequences can only
        // stand for the characters they encode.
        var escaped = Uri.EscapeDataString(text);
        return escaped.IndexOf('%') < 0
            ? escaped
            : escaped.Replace("%3A", ":", StringComparison.Ordinal).Replace("%2F", "/", StringComparison.Ordinal)
                .Replace("%40", "@", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal);
    }
}
