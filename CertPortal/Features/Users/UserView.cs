namespace CertPortal.Features.Users;

/// <summary>A user as the users page and API show them.</summary>
public sealed record UserView(
    string Id,
    string Email,
    string Role,
    bool IsDisabled,
    bool IsLockedOut,
    DateTime CreatedAt,
    DateTime? LastSignInAt,
    IReadOnlyList<Guid> CustomerIds,
    string TwoFactor,
    int Passkeys);
