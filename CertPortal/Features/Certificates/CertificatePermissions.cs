using CertPortal.Security;

namespace CertPortal.Features.Certificates;

public static class CertificatePermissions
{
    /// <summary>See certificates, their versions, chains and runs, and download public parts; see ACME accounts.</summary>
    public const string View = "certificates.view";

    /// <summary>Request, renew, import, revoke and delete certificates; register and delete ACME accounts.</summary>
    public const string Manage = "certificates.manage";

    /// <summary>Download private keys (pem-key, pfx, zip with key).</summary>
    public const string DownloadKeys = "certificates.download-keys";

    public static readonly PermissionGrants Grants =
    [
        new(View, Roles.All),
        new(Manage, Roles.Workers),
        new(DownloadKeys, Roles.Workers),
    ];
}
