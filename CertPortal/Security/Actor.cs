using System.Security.Claims;

namespace CertPortal.Security;

/// <summary>Who is acting: a signed-in user, an API token, a job or the command line; and from where.</summary>
public sealed record Actor(string Name, ActorKind Kind, string? Ip, Guid? CustomerScope)
{
    public static readonly Actor Anonymous = new("anonymous", ActorKind.Anonymous, null, null);

    public static Actor Job(string jobName) => new($"job:{jobName}", ActorKind.Job, null, null);

    public static Actor CommandLine(string command) => new($"cli:{command}", ActorKind.Cli, null, null);

    public static Actor FromPrincipal(ClaimsPrincipal? user, string? ip)
    {
        if (user?.Identity?.IsAuthenticated != true)
            return Anonymous with { Ip = ip };
        var name = user.Identity.Name ?? "unknown";
        if (user.FindFirst(PortalClaims.TokenId) is not null)
        {
            var scope = Guid.TryParse(user.FindFirst(PortalClaims.CustomerScope)?.Value, out var id) ? id : (Guid?)null;
            return new Actor($"token:{name}", ActorKind.Token, ip, scope);
        }
        return new Actor(name, ActorKind.User, ip, null);
    }

    /// <summary>True when this actor may see things of <paramref name="customerId"/>.</summary>
    public bool CanSee(Guid customerId) => CustomerScope is null || CustomerScope == customerId;
}
