using CertPortal.Security;

namespace CertPortal.Features.DnsProviders;

public static class DnsProviderPermissions
{
    /// <summary>See DNS providers and their settings; secrets show only as "set".</summary>
    public const string View = "dns-providers.view";

    /// <summary>Create, change, delete and test DNS providers.</summary>
    public const string Manage = "dns-providers.manage";

    public static readonly PermissionGrants Grants =
    [
        new(View, Roles.All),
        new(Manage, Roles.Workers),
    ];
}
