using CertPortal.Common;

namespace CertPortal.Features.CertificateAuthorities;

/// <summary>Orders of the CA list: by name unless a column header asks otherwise.</summary>
public static class CaSort
{
    public const string Name = "name";
    public const string Subject = "subject";
    public const string KeyType = "keyType";
    public const string ValidUntil = "validUntil";
    public const string Customer = "customer";

    /// <summary>What the list shows, and sorts by, for a CA that belongs to no customer.</summary>
    public const string Shared = "Shared";

    public static readonly IReadOnlyList<string> All = [Name, Subject, KeyType, ValidUntil, Customer];

    public static readonly ListSort Default = new(Name, Descending: false);

    internal static IQueryable<CertificateAuthority> Apply(IQueryable<CertificateAuthority> query, ListSort sort, IQueryable<ObjectName> customers) => sort.Field switch
    {
        Customer => query.OrderBy(e => customers.Where(n => n.Id == e.CustomerId).Select(n => n.Name).FirstOrDefault() ?? Shared, sort.Descending).ThenBy(e => e.Name),
        Subject => query.OrderBy(e => e.Subject, sort.Descending).ThenBy(e => e.Name),
        KeyType => query.OrderBy(e => e.KeyType, sort.Descending).ThenBy(e => e.Name),
        ValidUntil => query.OrderBy(e => e.NotAfter, sort.Descending).ThenBy(e => e.Name),
        _ => query.OrderBy(e => e.Name, sort.Descending),
    };
}
