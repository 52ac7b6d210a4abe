using System.Net.Http.Headers;
using System.Text;

namespace Enswitch.Client.Transport;

/// <summary>
/// Removes secrets and line breaks from any text that came from outside (a server message, a body
/// snippet) before it reaches an exception or a log, and bounds its length.
/// </summary>
internal sealed class SecretScrubber
{
    /// <summary>The longest server message kept in an exception.</summary>
    public const int MaxMessageLength = 500;

    /// <summary>The longest body snippet kept in an exception.</summary>
    public const int MaxSnippetLength = 300;

    private const string MaskText = "***";

    /// <summary>Secrets (in any form) shorter than this are masked only where they stand as a whole word.</summary>
    private const int WholeWordBelow = 8;

    // Tokens are kept for a few refreshes, since an old one may still be echoed by a late answer; the
    // set stays small so scrubbing stays cheap on a service that runs for months.
    private const int TokensKept = 4;

    private readonly object _gate = new();
    private readonly string[] _fixed;
    private readonly Queue<string[]> _tokens = new();

    // Replaced as a whole (copy on write) when a token is added, so readers never lock.
    private string[] _secrets;

    /// <summary>Creates a scrubber for the given secrets (the password); empty or null ones are ignored.</summary>
    public SecretScrubber(params string?[] secrets)
    {
        _fixed = [.. secrets.SelectMany(Forms)];
        _secrets = Ordered(_fixed);
    }

    // Forms already made: a scrubber for one call, which learns no tokens.
    private SecretScrubber(IEnumerable<string> forms)
    {
        _fixed = [.. forms];
        _secrets = Ordered(_fixed);
    }

    /// <summary>
    /// Returns a scrubber that masks everything this one does now, and <paramref name="secrets"/> as well: for
    /// one call whose parameters include secrets of their own.
    /// </summary>
    public SecretScrubber With(IEnumerable<string> secrets) =>
        new(Volatile.Read(ref _secrets).Concat(secrets.SelectMany(Forms)));

    /// <summary>Adds an authentication token learnt after start-up; only the last few are kept.</summary>
    public void AddToken(string? token)
    {
        var forms = Forms(token);
        if (forms.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            _tokens.Enqueue(forms);
            if (_tokens.Count > TokensKept)
            {
                _tokens.Dequeue();
            }

            Volatile.Write(ref _secrets, Ordered(_fixed.Concat(_tokens.SelectMany(t => t))));
        }
    }

    // A server may echo a secret as it received it: raw, percent-encoded (either form of space), or
    // JSON-escaped inside an error page.
    private static string[] Forms(string? secret)
    {
        if (secret is not { Length: > 0 })
        {
            return [];
        }

        var escaped = Uri.EscapeDataString(secret);
        return
        [
            secret,
            escaped,
            WireText.EscapeQueryValue(secret),
            WireText.EscapeQueryValue(secret).Replace("%20", "+", StringComparison.Ordinal),
            escaped.Replace("%20", "+", StringComparison.Ordinal),
            escaped.ToLowerInvariant(),
            System.Text.Json.JsonEncodedText.Encode(secret).ToString(),
            System.Text.Json.JsonEncodedText.Encode(secret, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
            AsciiJson(secret),
            AsciiJson(secret).Replace("/", "\\/", StringComparison.Ordinal),
            System.Net.WebUtility.HtmlEncode(secret),
        ];
    }

    // JSON as Python's json.dumps and Perl's JSON->ascii write it: only quotes, backslashes, control and
    // non-ASCII characters escaped, as \uXXXX (matching is case-insensitive, so the hex case does not matter).
    private static string AsciiJson(string secret)
    {
        var builder = new StringBuilder(secret.Length + 8);
        foreach (var c in secret)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c < ' ' || c > '~')
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // Longest first, so a longer form is masked before a shorter one cuts into it.
    private static string[] Ordered(IEnumerable<string> forms) =>
        [.. forms.Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    /// <summary>Returns whether the text holds any form of a secret.</summary>
    public bool ContainsSecret(string? text)
    {
        if (text is not { Length: > 0 })
        {
            return false;
        }

        foreach (var secret in Volatile.Read(ref _secrets))
        {
            if (IndexOf(text, secret, 0) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Returns the text with every secret masked, control characters (CR and LF included) replaced by
    /// spaces, and at most <paramref name="maxLength"/> characters kept.
    /// </summary>
    public string Scrub(string? text, int maxLength)
    {
        if (text is not { Length: > 0 })
        {
            return string.Empty;
        }

        // Mask before truncating, so a secret cut in half by the limit is still found; the input is
        // bounded first so a 1 MB message costs no more than a few kilobytes of work.
        var bounded = MaskSecrets(text.Length > (maxLength * 4) + 256 ? text[..((maxLength * 4) + 256)] : text);

        var builder = new StringBuilder(Math.Min(bounded.Length, maxLength + 1));
        foreach (var c in bounded)
        {
            if (builder.Length == maxLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>Returns the entries of an envelope's <c>responses</c> with their keys and messages scrubbed, as anything quoted is.</summary>
    public EnswitchResponseEntry[] Scrub(IReadOnlyList<EnswitchResponseEntry> entries)
    {
        var scrubbed = new EnswitchResponseEntry[entries.Count];
        for (var i = 0; i < scrubbed.Length; i++)
        {
            var entry = entries[i];
            scrubbed[i] = entry with
            {
                Key = Scrub(entry.Key, MaxMessageLength),
                Message = Scrub(entry.Message, MaxMessageLength),
            };
        }

        return scrubbed;
    }

    /// <summary>
    /// Masks every secret in the response's headers, in place. Handlers outside the SDK print them
    /// (IHttpClientFactory's loggers at Trace), and a redirect's <c>Location</c> may echo the request URL,
    /// password included in GET mode.
    /// </summary>
    public void MaskHeaders(HttpResponseMessage response)
    {
        MaskHeaders(response.Headers);
        MaskHeaders(response.Content.Headers);
    }

    private void MaskHeaders(HttpHeaders headers)
    {
        List<(string Name, string[] Values)>? masked = null;
#if NET
        foreach (var header in headers.NonValidated)
#else
        foreach (var header in headers)
#endif
        {
            if (AnyContainsSecret(header.Value))
            {
                (masked ??= []).Add((header.Key, header.Value.Select(MaskSecrets).ToArray()));
            }
        }

        if (masked is null)
        {
            return;
        }

        foreach (var (name, values) in masked)
        {
            headers.Remove(name);
            headers.TryAddWithoutValidation(name, values);
        }
    }

    // Runs on every response: a loop over the struct enumerator, where Any() would box it and allocate a delegate.
#if NET
    private bool AnyContainsSecret(HeaderStringValues values)
#else
    private bool AnyContainsSecret(IEnumerable<string> values)
#endif
    {
        foreach (var value in values)
        {
            if (ContainsSecret(value))
            {
                return true;
            }
        }

        return false;
    }

    private string MaskSecrets(string text)
    {
        foreach (var secret in Volatile.Read(ref _secrets))
        {
            text = Mask(text, secret);
        }

        return text;
    }

    private static string Mask(string text, string secret)
    {
        var found = IndexOf(text, secret, 0);
        if (found < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var from = 0;
        for (; found >= 0; found = IndexOf(text, secret, from))
        {
            builder.Append(text, from, found - from).Append(MaskText);
            from = found + secret.Length;
        }

        return builder.Append(text, from, text.Length - from).ToString();
    }

    /// <summary>
    /// Finds the next occurrence of a secret's form, ignoring case. A form of at least
    /// <see cref="WholeWordBelow"/> characters counts wherever it appears. A shorter one counts only where it
    /// stands as a whole word (not preceded or followed by a letter or digit that would continue it): a
    /// server echoes a secret between delimiters (<c>=</c>, <c>;</c>, quotes), and a one-letter password
    /// must not erase that letter from every host name and message.
    /// </summary>
    private static int IndexOf(string text, string secret, int from)
    {
        while (from <= text.Length - secret.Length)
        {
            var index = text.IndexOf(secret, from, StringComparison.OrdinalIgnoreCase);
            if (index < 0 || secret.Length >= WholeWordBelow || IsWholeWord(text, secret, index))
            {
                return index;
            }

            from = index + 1;
        }

        return -1;
    }

    private static bool IsWholeWord(string text, string secret, int index)
    {
        var end = index + secret.Length;
        var left = !char.IsLetterOrDigit(secret[0]) || index == 0 || !char.IsLetterOrDigit(text[index - 1]);
        var right = !char.IsLetterOrDigit(secret[^1]) || end == text.Length || !char.IsLetterOrDigit(text[end]);
        return left && right;
    }
}
