using System.Security.Claims;
using CertPortal.Features.Settings;
using CertPortal.Features.Users.SecondFactor;
using CertPortal.Features.Users.Sessions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.Users;

/// <summary>
/// Checks an open Blazor circuit's user every minute: a changed security stamp (role change, disable, password
/// reset) or a disabled account signs the circuit out, so such a change bites within a minute. So does a circuit
/// idle for longer than the security settings allow, and a person who must now enrol a second factor.
/// </summary>
internal sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> options,
    CircuitActivity activity) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null || user.IsDisabled)
            return false;
        var security = await scope.ServiceProvider.GetRequiredService<ISecuritySettings>().GetAsync(ct);
        if (activity.IdleFor > security.IdleTimeout || await scope.ServiceProvider.GetRequiredService<SecondFactorStatus>().MustEnrolAsync(user, ct))
            return false;
        var stamp = state.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
