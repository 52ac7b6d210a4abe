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
        var get = method == EnswitchRequestMethod.Get;
        var items = parameters.Items;
        var pairs = authentication.Count + items.Count;

        // The escaped names and values are kept in a pooled array, measured, and copied once into the body or the
        // query: no builder and no intermediate buffer. Escaped text is ASCII, so its length is its size in bytes.
        var pieces = ArrayPool<string>.Shared.Rent(Math.Max(1, pairs * 2));
        try
        {
            var length = Math.Max(0, pairs - 1) + pairs;
            var count = 0;
            Escape(authentication, get, pieces, ref count, ref length);
            Escape(items, get, pieces, ref count, ref length);

            // The guide's examples separate query parameters with ';'; a form body uses the standard '&'.
            return get ? new WirePayload(null, Join(pieces, count, length)) : new WirePayload(Encode(pieces, count, length), null);
        }
        finally
        {
            // Not left in the shared pool: the array holds the escaped password.
            Array.Clear(pieces, 0, pairs * 2);
            ArrayPool<string>.Shared.Return(pieces);
        }
    }

    private static void Escape(IReadOnlyList<KeyValuePair<string, string>> items, bool get, string[] pieces, ref int count, ref int length)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var name = get ? WireText.EscapeQueryValue(items[i].Key) : Uri.EscapeDataString(items[i].Key);
            var value = get ? WireText.EscapeQueryValue(items[i].Value) : Uri.EscapeDataString(items[i].Value);
            pieces[count++] = name;
            pieces[count++] = value;
            length += name.Length + value.Length;
        }
    }

    private static byte[] Encode(string[] pieces, int count, int length)
    {
        var body = new byte[length];
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                body[offset++] = (byte)(i % 2 == 0 ? '&' : '=');
            }

            offset += Encoding.UTF8.GetBytes(pieces[i], 0, pieces[i].Length, body, offset);
        }

        return body;
    }

#if NET
    private static string Join(string[] pieces, int count, int length) =>
        string.Create(length, (pieces, count), static (span, state) =>
        {
            var offset = 0;
            for (var i = 0; i < state.count; i++)
            {
                if (i > 0)
                {
                    span[offset++] = i % 2 == 0 ? ';' : '=';
                }

                state.pieces[i].AsSpan().CopyTo(span[offset..]);
                offset += state.pieces[i].Length;
            }
        });
#else
    private static string Join(string[] pieces, int count, int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(i % 2 == 0 ? ';' : '=');
            }

            builder.Append(pieces[i]);
        }

        return builder.ToString();
    }
#endif
}
