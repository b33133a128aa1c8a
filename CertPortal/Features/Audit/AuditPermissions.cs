using CertPortal.Security;

namespace CertPortal.Features.Audit;

public static class AuditPermissions
{
    /// <summary>Read the audit log. Sales staff (ReadOnly) see inventory, not who did what from where.</summary>
    public const string View = "audit.view";

    public static readonly PermissionGrants Grants =
    [
        new(View, Roles.Workers),
    ];
}
