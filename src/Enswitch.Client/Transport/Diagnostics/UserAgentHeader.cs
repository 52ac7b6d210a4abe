using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Enswitch.Client.Transport;

/// <summary>
/// The <c>User-Agent</c> every request carries: <c>[ApplicationId ]Enswitch.Client/&lt;version&gt; (&lt;framework&gt;; &lt;OS&gt;)</c>,
/// so that a server operator can tell which application and which SDK build sent a request.
/// </summary>
internal static class UserAgentHeader
{
    /// <summary>The longest <see cref="EnswitchClientOptions.ApplicationId"/> accepted.</summary>
    public const int MaxApplicationIdLength = 64;

    // The framework and OS descriptions are free text from the runtime; bounded so a long kernel string
    // cannot bloat every request.
    private const int MaxDescriptionLength = 100;

    /// <summary>
    /// Gets the SDK's version as it goes into the header and into telemetry: the informational version
    /// without its <c>+commit</c> suffix, which says nothing a server operator needs and costs 40 bytes a request.
    /// </summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>Gets the part of the header that is the same for every configuration.</summary>
    public static string Sdk { get; } =
        $"Enswitch.Client/{Version} ({CommentText(RuntimeInformation.FrameworkDescription)}; {CommentText(RuntimeInformation.OSDescription)})";

    /// <summary>Returns the header value for a configuration: the application's product token first, when it has one.</summary>
    public static string Build(string? applicationId) =>
        applicationId is null ? Sdk : applicationId + " " + Sdk;

    /// <summary>
    /// Returns whether <paramref name="applicationId"/> is one HTTP product (RFC 9110 section 10.1.5):
    /// a token, optionally followed by <c>/</c> and a version token. Anything else could break the header
    /// or smuggle a second one in.
    /// </summary>
    public static bool IsValidApplicationId(string applicationId)
    {
        if (applicationId.Length is 0 or > MaxApplicationIdLength)
        {
            return false;
        }

        var slash = applicationId.IndexOf('/');
        return slash < 0
            ? IsToken(applicationId)
            : IsToken(applicationId.AsSpan(0, slash)) && IsToken(applicationId.AsSpan(slash + 1));
    }

    private static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    // tchar in RFC 9110 section 5.6.2.
    private static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or
            '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    /// <summary>
    /// Makes runtime-supplied text safe inside a header comment: printable ASCII only (the socket handler
    /// refuses anything else), and no parenthesis or backslash, which would end or escape the comment.
    /// </summary>
    private static string CommentText(string text)
    {
        var safe = new StringBuilder(Math.Min(text.Length, MaxDescriptionLength));
        foreach (var c in text.Trim())
        {
            if (safe.Length == MaxDescriptionLength)
            {
                break;
            }

            switch (c)
            {
                case '(':
                    safe.Append('[');
                    break;
                case ')':
                    safe.Append(']');
                    break;
                case '\\':
                    safe.Append('/');
                    break;
                case >= ' ' and <= '~':
                    safe.Append(c);
                    break;
            }
        }

        return safe.ToString().TrimEnd();
    }

    private static string ReadVersion()
    {
        var assembly = typeof(UserAgentHeader).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus < 0 ? version : version.Substring(0, plus);
    }
}
