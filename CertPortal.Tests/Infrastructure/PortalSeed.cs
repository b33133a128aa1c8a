using CertPortal.Features.Customers;
using CertPortal.Features.Users.ApiTokens;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Infrastructure;

/// <summary>
/// Arranges customers and tokens straight through the portal's services (as the command line would), so the HTTP
/// calls of a test are only the ones it proves something about.
/// </summary>
public static class PortalSeed
{
    public static Task<CustomerView> SeedCustomerAsync(this PortalFactory portal, string? name = null, string notes = "", params string[] alertEmails) =>
        portal.InScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<CustomerService>().CreateAsync(new CustomerInput(name ?? UniqueName("Customer"), notes, [.. alertEmails]));
            return result.Value ?? throw new InvalidOperationException(result.Message);
        });

    /// <summary>A token and its id (the id is what DELETE /api/v1/api-tokens/{id} takes).</summary>
    public static Task<CreatedApiToken> SeedTokenAsync(this PortalFactory portal, string role, Guid? customerId = null, string? name = null) =>
        portal.InScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<ApiTokenService>().CreateAsync(new ApiTokenInput(name ?? UniqueName(role), role, customerId));
            return result.Value ?? throw new InvalidOperationException(result.Message);
        });

    /// <summary>A name no other test uses, e.g. <c>Customer-3f2a9c1b07d4e</c>.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 14)];
}
