using System.Runtime.CompilerServices;

namespace Enswitch.Client.Transport;

/// <summary>Pages through a list that takes <c>limit</c> and <c>offset</c>, one read per page, as the caller enumerates.</summary>
internal static class Paging
{
    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaximumPageSize = 10_000;

    /// <summary>
    /// Returns every row from <paramref name="offset"/> on (at most <paramref name="limit"/> when it is positive), asking
    /// for <paramref name="pageSize"/> rows at a time. The page size is checked now, before anything is enumerated.
    /// </summary>
    public static IAsyncEnumerable<T> ListAllAsync<T>(
        CataloguedCall call,
        EnswitchTransport transport,
        EnswitchParameters filters,
        long? offset,
        long? limit,
        int pageSize,
        ResponseReader<IReadOnlyList<T>> reader,
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

        return Pages(call, transport, filters, offset ?? 0, limit is > 0 ? limit : null, pageSize, reader, cancellationToken);
    }

    private static async IAsyncEnumerable<T> Pages<T>(
        CataloguedCall call,
        EnswitchTransport transport,
        EnswitchParameters filters,
        long offset,
        long? limit,
        int pageSize,
        ResponseReader<IReadOnlyList<T>> reader,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long returned = 0;
        while (true)
        {
            var size = limit is { } cap ? Math.Min(pageSize, cap - returned) : pageSize;
            if (size <= 0)
            {
                yield break;
            }

            var parameters = filters.Copy().Add("limit", size).Add("offset", offset);
            var page = await call.InvokeAsync(transport, parameters, reader, cancellationToken).ConfigureAwait(false);
            foreach (var row in page)
            {
                yield return row;
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
}
