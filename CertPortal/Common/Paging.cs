namespace CertPortal.Common;

/// <summary>1-based page and a page size clamped to 1..200, so a bad query string cannot ask for a million rows.</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The highest page: beyond it <see cref="Skip"/> would overflow and wrap round to the first rows.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    public static Paging From(int? page, int? pageSize) =>
        new(Math.Clamp(page ?? 1, 1, MaxPage), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));

    public int Skip => (Page - 1) * PageSize;
}
