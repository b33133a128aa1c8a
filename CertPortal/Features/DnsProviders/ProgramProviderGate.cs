using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Security;
using Microsoft.AspNetCore.Authorization;

namespace CertPortal.Features.DnsProviders;

/// <summary>
/// A script provider runs a program on the portal's machine, so only admins may create, change or try out one;
/// technicians still use a saved one in their orders and may run its saved Test.
/// </summary>
public sealed class ProgramProviderGate(ActorAccessor actors, IAuthorizationService authorization)
{
    /// <summary>Why the current user may not touch a provider of these types; null when they may.</summary>
    public async Task<string?> RefusalAsync(params string?[] types)
    {
        if (!types.Any(t => string.Equals(t, ScriptProvider.TypeName, StringComparison.OrdinalIgnoreCase)))
            return null;
        if (await actors.PrincipalAsync() is not { } user || (await authorization.AuthorizeAsync(user, DnsProviderPermissions.ManagePrograms)).Succeeded)
            return null;
        return "Only an admin may create, change or test unsaved settings of a script provider: it runs a program on the portal's machine.";
    }
}
