using CertPortal.Common;

namespace CertPortal.Features.ClientCerts;

/// <summary>Orders of the client certificate list (<c>?sort=&amp;order=</c>): soonest expiry first unless asked otherwise; ties by name.</summary>
public static class ClientCertSort
{
    public const string Expires = "expires";
    public const string Name = "name";
    public const string Status = "status";
    public const string Usage = "usage";
    public const string Ca = "ca";
    public const string Customer = "customer";

    public static readonly IReadOnlyList<string> All = [Expires, Name, Status, Usage, Ca, Customer];

    public static readonly ListSort Default = new(Expires, Descending: false);

    internal static IQueryable<ClientCertificate> Apply(IQueryable<ClientCertificate> query, ListSort sort, IQueryable<ObjectName> cas, IQueryable<ObjectName> customers) => sort.Field switch
    {
        Ca => query.OrderBy(c => cas.Where(n => n.Id == c.CaId).Select(n => n.Name).FirstOrDefault(), sort.Descending).ThenBy(c => c.NotAfter).ThenBy(c => c.CommonName),
        Customer => query.OrderBy(c => customers.Where(n => n.Id == c.CustomerId).Select(n => n.Name).FirstOrDefault(), sort.Descending).ThenBy(c => c.NotAfter).ThenBy(c => c.CommonName),
        Name => query.OrderBy(c => c.CommonName, sort.Descending).ThenBy(c => c.NotAfter),
        Status => query.OrderBy(c => c.Status, sort.Descending).ThenBy(c => c.NotAfter).ThenBy(c => c.CommonName),
        Usage => query.OrderBy(c => c.Usage, sort.Descending).ThenBy(c => c.NotAfter).ThenBy(c => c.CommonName),
        _ => query.OrderBy(c => c.NotAfter, sort.Descending).ThenBy(c => c.CommonName),
    };
}
