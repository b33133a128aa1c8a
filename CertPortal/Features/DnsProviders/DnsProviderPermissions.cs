using CertPortal.Security;

namespace CertPortal.Features.DnsProviders;

public static class DnsProviderPermissions
{
    /// <summary>See DNS providers and their settings; secrets show only as "set".</summary>
    public const string View = "dns-providers.view";

    /// <summary>Create, change, delete and test DNS providers.</summary>
    public const string Manage = "dns-providers.manage";

    /// <summary>Create and change providers that run a program on the portal's machine (the script type).</summary>
    public const string ManagePrograms = "dns-providers.manage-programs";

    public static readonly PermissionGrants Grants =
    [
        new(ManagePrograms, [Roles.Admin], AllowCustomerScoped: false),
        new(View, Roles.All),
        new(Manage, Roles.Workers),
    ];
}
