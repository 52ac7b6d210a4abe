using System.Buffers;
using System.Text;

namespace Enswitch.Client.Transport;

/// <summary>
/// The encoded credentials and parameters of one call, built once and reused by every attempt.
/// </summary>
internal sealed class WirePayload
{
    private WirePayload(byte[]? formBody, string? query)
    {
        FormBody = formBody;
        Query = query;
    }

    /// <summary>Gets the form body for POST, or <see langword="null"/> in GET mode.</summary>
    public byte[]? FormBody { get; }

    /// <summary>Gets the query string (without <c>?</c>) for GET, or <see langword="null"/> in POST mode. It holds the password.</summary>
    public string? Query { get; }

    /// <summary>
    /// Encodes the authentication pair first and then every parameter in order, each value
    /// percent-encoded as UTF-8 so that <c>; &amp; = + %</c> and any other character arrive intact: in GET mode
    /// in the guide's own form (<see cref="WireText.EscapeQueryValue"/>), in a POST body as a standard form.
    /// </summary>
    public static WirePayload Create(EnswitchRequestMethod method, IReadOnlyList<KeyValuePair<string, string>> authentication, EnswitchParameters parameters)
    {
        // The guide's examples separate query parameters with ';'; a form body uses the standard '&'.
        var separator = method == EnswitchRequestMethod.Get ? ';' : '&';
        var builder = new StringBuilder(128);
        Func<string, string> escape = method == EnswitchRequestMethod.Get ? WireText.EscapeQueryValue : Uri.EscapeDataString;
        Append(builder, authentication, separator, escape);
        Append(builder, parameters.Items, separator, escape);
        if (method == EnswitchRequestMethod.Get)
        {
            return new WirePayload(null, builder.ToString());
        }

        // The form body goes from the builder to bytes through a pooled buffer, with no string in between.
        var chars = ArrayPool<char>.Shared.Rent(builder.Length);
        try
        {
            builder.CopyTo(0, chars, 0, builder.Length);
            return new WirePayload(Encoding.UTF8.GetBytes(chars, 0, builder.Length), null);
        }
        finally
        {
            // The buffer held the password: cleared so the pool's next renter (any code in the process) does not
            // get it. The builder's own chunks still hold it until collected, as any string of it would.
            ArrayPool<char>.Shared.Return(chars, clearArray: true);
        }
    }

    private static void Append(StringBuilder builder, IReadOnlyList<KeyValuePair<string, string>> items, char separator, Func<string, string> escape)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (builder.Length > 0)
            {
                builder.Append(separator);
            }

            builder.Append(escape(items[i].Key)).Append('=').Append(escape(items[i].Value));
        }
    }
}
