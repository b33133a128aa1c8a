using CertPortal.Common;

namespace CertPortal.Features.DnsProviders;

/// <summary>Orders of the DNS provider list: by name unless a column header asks otherwise.</summary>
public static class DnsProviderSort
{
    public const string Name = "name";
    public const string Type = "type";
    public const string Updated = "updated";

    public static readonly IReadOnlyList<string> All = [Name, Type, Updated];

    public static readonly ListSort Default = new(Name, Descending: false);

    internal static IQueryable<DnsProvider> Apply(IQueryable<DnsProvider> query, ListSort sort) => sort.Field switch
    {
        Type => query.OrderBy(e => e.Type, sort.Descending).ThenBy(e => e.Name),
        Updated => query.OrderBy(e => e.UpdatedAt, sort.Descending).ThenBy(e => e.Name),
        _ => query.OrderBy(e => e.Name, sort.Descending),
    };
}
