using System.Runtime.CompilerServices;

namespace Enswitch.Client.Transport;

/// <summary>Pages through a list that takes <c>limit</c> and <c>offset</c>, one read per page, as the caller enumerates.</summary>
internal static class Paging
{
    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaximumPageSize = 10_000;

    /// <summary>
    /// Returns every row from <paramref name="offset"/> on (at most <paramref name="limit"/> when it is positive), asking
    /// for <paramref name="pageSize"/> rows at a time, each page one call under <paramref name="options"/>. The page size
    /// and the options are checked now, before anything is enumerated.
    /// </summary>
    public static IAsyncEnumerable<T> ListAllAsync<T>(
        CataloguedCall call,
        EnswitchTransport transport,
        EnswitchParameters filters,
        long? offset,
        long? limit,
        int pageSize,
        ResponseReader<IReadOnlyList<T>> reader,
        EnswitchRequestOptions? options,
        CancellationToken cancellationToken)
    {
        if (pageSize is < 1 or > MaximumPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"A page holds 1 to {MaximumPageSize} rows.");
        }

        if (offset < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "The request's Offset must not be negative.");
        }

        if (options is not null)
        {
            // Each page is one call under these options: a bad value fails now, not at the first page, and a change the
            // caller makes to the instance while paging reaches no later page.
            EnswitchOptionsValidator.ThrowIfInvalid(options);
            options = options.Copy();
        }

        return Pages(call, transport, filters, offset ?? 0, limit is > 0 ? limit : null, pageSize, reader, options, cancellationToken);
    }

    private static async IAsyncEnumerable<T> Pages<T>(
        CataloguedCall call,
        EnswitchTransport transport,
        EnswitchParameters filters,
        long offset,
        long? limit,
        int pageSize,
        ResponseReader<IReadOnlyList<T>> reader,
        EnswitchRequestOptions? options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Each page is read with a fingerprint of its 'data', so that a server ignoring offset (answering the same
        // full page again and again) is caught instead of paged forever.
        var pageReader = new ResponseReader<(IReadOnlyList<T> Rows, ulong Fingerprint)>(
            (envelope, body) => (reader.Read(envelope, body), Fingerprint(envelope.Data)));
        long returned = 0;
        ulong? previous = null;
        while (true)
        {
            var size = limit is { } cap ? Math.Min(pageSize, cap - returned) : pageSize;
            if (size <= 0)
            {
                yield break;
            }

            var parameters = filters.Copy().Add("limit", size).Add("offset", offset);
            var (page, fingerprint) = await call.InvokeAsync(transport, parameters, pageReader, options, cancellationToken).ConfigureAwait(false);
            if (page.Count > 0 && fingerprint == previous)
            {
                throw new EnswitchProtocolException(
                    $"'{call.Name}' answered offset {offset} with the same rows as the page before: the server ignores 'offset', so paging stopped instead of repeating rows. Call ListAsync without paging instead.");
            }

            previous = fingerprint;

            // A server that ignores limit sends more than a page: what it sent is everything, up to the caller's cap.
            var take = page.Count > size && limit is { } total ? (int)Math.Min(page.Count, total - returned) : page.Count;
            for (var i = 0; i < take; i++)
            {
                yield return page[i];
            }

            // A short page is the last; a long one means the server ignored limit and sent everything there is.
            if (page.Count != size)
            {
                yield break;
            }

            returned += page.Count;
            offset += page.Count;
        }
    }

    private static ulong Fingerprint(System.Buffers.ReadOnlySequence<byte>? data)
    {
        // FNV-1a over the bytes: enough to tell one page from the next, not a security hash.
        var hash = 14695981039346656037UL;
        if (data is { } bytes)
        {
            foreach (var segment in bytes)
            {
                foreach (var b in segment.Span)
                {
                    hash = (hash ^ b) * 1099511628211UL;
                }
            }
        }

        return hash;
    }
}
