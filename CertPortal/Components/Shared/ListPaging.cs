namespace CertPortal.Components.Shared;

/// <summary>The page sizes every list offers: 25 rows at first, 50 for the logs (audit, notifications) where one looks through many.</summary>
public static class ListPaging
{
    public const int PageSize = 25;

    public const int LogPageSize = 50;

    public static readonly int[] PageSizeOptions = [25, 50, 100, 200];
}
