using CertPortal.Common;

namespace CertPortal.Features.Users;

/// <summary>Orders of the user list: by email unless a column header asks otherwise (never signed in sorts last).</summary>
public static class UserSort
{
    public const string Email = "email";
    public const string Created = "created";
    public const string LastSignIn = "lastSignIn";

    public static readonly ListSort Default = new(Email, Descending: false);

    internal static IQueryable<AppUser> Apply(IQueryable<AppUser> query, ListSort sort) => sort.Field switch
    {
        Created => query.OrderBy(u => u.CreatedAt, sort.Descending).ThenBy(u => u.Email),
        LastSignIn => query.OrderBy(u => u.LastSignInAt == null).ThenBy(u => u.LastSignInAt, sort.Descending).ThenBy(u => u.Email),
        _ => query.OrderBy(u => u.Email, sort.Descending),
    };
}
