using Microsoft.AspNetCore.Authorization;

namespace CertPortal.Security;

public static class PermissionPolicies
{
    /// <summary>Registers one authorization policy per permission, named as the permission, requiring its roles.</summary>
    public static IServiceCollection AddPermissions(this IServiceCollection services, PermissionGrants grants)
    {
        services.Configure<AuthorizationOptions>(options =>
        {
            foreach (var permission in grants)
                options.AddPolicy(permission.Name, policy =>
                {
                    policy.RequireAuthenticatedUser().RequireRole(permission.Roles);
                    if (!permission.AllowCustomerScoped)
                        policy.RequireAssertion(ctx => !ctx.User.HasClaim(c => c.Type == PortalClaims.CustomerScope));
                });
        });
        return services;
    }
}
