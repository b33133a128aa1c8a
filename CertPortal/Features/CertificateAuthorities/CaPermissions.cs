using CertPortal.Security;

namespace CertPortal.Features.CertificateAuthorities;

public static class CaPermissions
{
    /// <summary>See CAs, their chains and CRL state.</summary>
    public const string View = "cas.view";

    /// <summary>Create and import CAs.</summary>
    public const string Manage = "cas.manage";

    public static readonly PermissionGrants Grants =
    [
        new(View, Roles.All),
        new(Manage, Roles.Workers),
    ];
}
