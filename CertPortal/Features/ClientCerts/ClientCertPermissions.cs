using CertPortal.Security;

namespace CertPortal.Features.ClientCerts;

public static class ClientCertPermissions
{
    /// <summary>See client certificates and download their public parts.</summary>
    public const string View = "client-certs.view";

    /// <summary>Issue (one, from a CSR, or a batch), renew and revoke.</summary>
    public const string Manage = "client-certs.manage";

    /// <summary>Download private keys (pem-key, pfx, zip with key).</summary>
    public const string DownloadKeys = "client-certs.download-keys";

    public static readonly PermissionGrants Grants =
    [
        new(View, Roles.All),
        new(Manage, Roles.Workers),
        new(DownloadKeys, Roles.Workers),
    ];
}
