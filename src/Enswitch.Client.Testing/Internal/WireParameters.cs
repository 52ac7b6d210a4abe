namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// Decodes parameters the way a CGI-style server does: pairs separated by <c>;</c> or <c>&amp;</c>,
/// <c>+</c> as a space, percent-escapes as UTF-8.
/// </summary>
internal static class WireParameters
{
    public static void Decode(string text, List<KeyValuePair<string, string>> into)
    {
        foreach (var piece in text.Split(['&', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? piece : piece[..equals];
            var value = equals < 0 ? string.Empty : piece[(equals + 1)..];
            into.Add(new(Unescape(name), Unescape(value)));
        }
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
