using CertPortal.Common;

namespace CertPortal.Features.Certificates;

/// <summary>
/// Orders of the certificate list (<c>?sort=&amp;order=</c>). <see cref="Attention"/>, the default, puts what needs a person first:
/// failed, then expired, then by days left, revoked last. An unknown order falls back to it, as it always has for API clients.
/// </summary>
public static class CertificateSort
{
    public const string Attention = "attention";
    public const string DaysLeft = "daysLeft";
    public const string Status = "status";
    public const string Name = "name";
    public const string Issuer = "issuer";
    public const string Customer = "customer";

    public static readonly IReadOnlyList<string> All = [Attention, DaysLeft, Status, Name, Issuer, Customer];

    /// <summary>The known order, or <see cref="Attention"/> for an empty or unknown one.</summary>
    public static string Parse(string? value) => All.FirstOrDefault(s => string.Equals(s, value?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? Attention;

    /// <summary>The order in the database; <paramref name="descending"/> reverses the main key (what has no value stays last), ties keep their order.</summary>
    internal static IQueryable<Certificate> Apply(IQueryable<Certificate> query, string sort, bool descending, DateTime now, IQueryable<ObjectName> customers) => sort switch
    {
        Customer => query.OrderBy(c => customers.Where(n => n.Id == c.CustomerId).Select(n => n.Name).FirstOrDefault(), descending).ThenBy(c => c.CommonName),
        Name => query.OrderBy(c => c.CommonName, descending).ThenBy(c => c.Id),
        Issuer => query.OrderBy(c => c.Issuer == null).ThenBy(c => c.Issuer, descending).ThenBy(c => c.CommonName),
        // Worst first: failed, expired, the working ones, valid, revoked.
        Status => query.OrderBy(c => c.Status == CertificateStatus.Failed ? 0 : c.Status == CertificateStatus.Expired || c.Status == CertificateStatus.Valid && c.NotAfter <= now ? 1
                : c.Status == CertificateStatus.Renewing ? 2 : c.Status == CertificateStatus.Issuing ? 3 : c.Status == CertificateStatus.Pending ? 4 : c.Status == CertificateStatus.Valid ? 5 : 6, descending)
            .ThenBy(c => c.NotAfter == null).ThenBy(c => c.NotAfter).ThenBy(c => c.CommonName),
        DaysLeft => query.OrderBy(c => c.NotAfter == null).ThenBy(c => c.NotAfter, descending).ThenBy(c => c.CommonName),
        _ => query.OrderBy(c => c.Status == CertificateStatus.Failed ? 0 : c.Status == CertificateStatus.Expired || c.Status == CertificateStatus.Valid && c.NotAfter <= now ? 1
                : c.Status == CertificateStatus.Revoked ? 3 : 2, descending)
            .ThenBy(c => c.NotAfter == null).ThenBy(c => c.NotAfter).ThenBy(c => c.CommonName),
    };
}
