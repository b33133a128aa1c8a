using CertPortal.Security;

namespace CertPortal.Features.Users;

/// <summary>A user as /api/v1/users answers: the role in its API spelling, an empty <c>customerIds</c> for every customer.</summary>
public sealed record UserResource(string Id, string Email, string Role, IReadOnlyList<Guid> CustomerIds, bool Disabled, bool LockedOut,
    DateTime CreatedAt, DateTime? LastSignInAt, string TwoFactor, int Passkeys)
{
    public static UserResource From(UserView u) =>
        new(u.Id, u.Email, Roles.ToApiName(u.Role), u.CustomerIds, u.IsDisabled, u.IsLockedOut, u.CreatedAt, u.LastSignInAt, u.TwoFactor, u.Passkeys);
}
