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
}
