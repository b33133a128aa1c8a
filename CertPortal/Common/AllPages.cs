namespace CertPortal.Common;

/// <summary>
/// Every row of a list, read page after page through the same list method the page shows (so an export has the same
/// filters, order and visibility), up to <see cref="Limit"/> rows.
/// </summary>
public static class AllPages
{
    public const int Limit = 100_000;

    public static async Task<IReadOnlyList<T>> ReadAsync<T>(Func<Paging, Task<PagedList<T>>> read)
    {
        var rows = new List<T>();
        for (var page = 1; rows.Count < Limit; page++)
        {
            var next = await read(new Paging(page, Paging.MaxPageSize));
            rows.AddRange(next.Items);
            if (next.Items.Count < Paging.MaxPageSize || rows.Count >= next.Total)
                break;
        }
        return rows;
    }
}
