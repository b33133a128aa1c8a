using CertPortal.Common;

namespace CertPortal.Features.ClientCerts;

/// <summary>Orders of the client certificate list (<c>?sort=&amp;order=</c>): soonest expiry first unless asked otherwise; ties by name.</summary>
public static class ClientCertSort
{
    public const string Expires = "expires";
    public const string Name = "name";
    public const string Status = "status";
    public const string Usage = "usage";

    public static readonly IReadOnlyList<string> All = [Expires, Name, Status, Usage];

    public static readonly ListSort Default = new(Expires, Descending: false);

    internal static IQueryable<ClientCertificate> Apply(IQueryable<ClientCertificate> query, ListSort sort) => sort.Field switch
    {
        Name => query.OrderBy(c => c.CommonName, sort.Descending).ThenBy(c => c.NotAfter),
        Status => query.OrderBy(c => c.Status, sort.Descending).ThenBy(c => c.NotAfter).ThenBy(c => c.CommonName),
        Usage => query.OrderBy(c => c.Usage, sort.Descending).ThenBy(c => c.NotAfter).ThenBy(c => c.CommonName),
        _ => query.OrderBy(c => c.NotAfter, sort.Descending).ThenBy(c => c.CommonName),
    };
}
