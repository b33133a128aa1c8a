using CertPortal.Common;

namespace CertPortal.Features.Certificates.Accounts;

/// <summary>Orders of the ACME account list: by name unless a column header asks otherwise.</summary>
public static class AcmeAccountSort
{
    public const string Name = "name";
    public const string Registered = "registered";

    public static readonly IReadOnlyList<string> All = [Name, Registered];

    public static readonly ListSort Default = new(Name, Descending: false);

    internal static IQueryable<AcmeRegistration> Apply(IQueryable<AcmeRegistration> query, ListSort sort) => sort.Field switch
    {
        Registered => query.OrderBy(e => e.CreatedAt, sort.Descending).ThenBy(e => e.Name),
        _ => query.OrderBy(e => e.Name, sort.Descending),
    };
}
