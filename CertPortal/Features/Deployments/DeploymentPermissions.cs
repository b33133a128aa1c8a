using CertPortal.Security;

namespace CertPortal.Features.Deployments;

public static class DeploymentPermissions
{
    /// <summary>See bindings, runs and their steps.</summary>
    public const string View = "deployments.view";

    /// <summary>Bind certificates to targets, remove bindings, start runs.</summary>
    public const string Manage = "deployments.manage";

    public static readonly PermissionGrants Grants =
    [
        new(View, Roles.All),
        new(Manage, Roles.Workers),
    ];
}
