using CertPortal.Security;

namespace CertPortal.Features.AcmeServer;

public static class AcmeServerPermissions
{
    /// <summary>See the ACME server's directory URLs and EAB keys (never their HMAC).</summary>
    public const string View = "acme-server.view";

    /// <summary>Make and revoke EAB keys: who may register with a CA's ACME server.</summary>
    public const string Manage = "acme-server.manage";

    public static readonly PermissionGrants Grants =
    [
        new(View, Roles.Workers),
        new(Manage, Roles.Workers),
    ];
}
