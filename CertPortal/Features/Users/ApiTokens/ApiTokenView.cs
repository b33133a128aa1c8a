using CertPortal.Security;

namespace CertPortal.Features.Users.ApiTokens;

/// <summary>A token as lists show it: never the token or its hash.</summary>
public sealed record ApiTokenView(
    Guid Id,
    string Name,
    string Prefix,
    string Role,
    Guid? CustomerId,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime? LastUsedAt,
    DateTime? RevokedAt)
{
    public static ApiTokenView From(ApiToken t) =>
        new(t.Id, t.Name, t.Prefix, Roles.ToApiName(t.Role), t.CustomerId, t.CreatedAt, t.CreatedBy, t.LastUsedAt, t.RevokedAt);
}

/// <summary>The answer to creating a token: the only time <see cref="Token"/> is seen.</summary>
public sealed record CreatedApiToken(ApiTokenView Info, string Token);

public sealed record ApiTokenInput(string? Name, string? Role, Guid? CustomerId);
