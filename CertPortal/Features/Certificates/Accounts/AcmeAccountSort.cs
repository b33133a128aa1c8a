using CertPortal.Common;

namespace CertPortal.Features.Certificates.Accounts;

/// <summary>Orders of the ACME account list: by name unless a column header asks otherwise.</summary>
public static class AcmeAccountSort
{
    public const string Name = "name";
    public const string Registered = "registered";
    public const string Customer = "customer";
    public const string Ca = "ca";

    /// <summary>What the list shows, and sorts by, for an account that belongs to no customer.</summary>
    public const string Shared = "Shared";

    public static readonly IReadOnlyList<string> All = [Name, Registered, Customer, Ca];

    public static readonly ListSort Default = new(Name, Descending: false);

    internal static IQueryable<AcmeRegistration> Apply(IQueryable<AcmeRegistration> query, ListSort sort, IQueryable<ObjectName> customers) => sort.Field switch
    {
        Customer => query.OrderBy(e => customers.Where(n => n.Id == e.CustomerId).Select(n => n.Name).FirstOrDefault() ?? Shared, sort.Descending).ThenBy(e => e.Name),
        // By the CA's name as the list shows it (a known directory's name, else its address).
        Ca => query.OrderByShown(e => e.DirectoryUrl, AcmeDirectoryPresets.All.ToDictionary(p => p.DirectoryUrl, p => p.Name), sort.Descending).ThenBy(e => e.Name),
        Registered => query.OrderBy(e => e.CreatedAt, sort.Descending).ThenBy(e => e.Name),
        _ => query.OrderBy(e => e.Name, sort.Descending),
    };
}
