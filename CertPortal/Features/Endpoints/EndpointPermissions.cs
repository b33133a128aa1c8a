using CertPortal.Security;

namespace CertPortal.Features.Endpoints;

public static class EndpointPermissions
{
    /// <summary>See scans, their findings and the watched endpoints.</summary>
    public const string View = "endpoints.view";

    /// <summary>Start scans, add and remove watched endpoints, check them now, adopt what they serve.</summary>
    public const string Manage = "endpoints.manage";

    public static readonly PermissionGrants Grants =
    [
        new(View, Roles.All),
        new(Manage, Roles.Workers),
    ];
}
