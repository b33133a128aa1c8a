using System.Security.Claims;

namespace CertPortal.Security;

/// <summary>Who is acting: a signed-in user, an API token, a job or the command line; and from where.</summary>
/// <param name="Customers">The customers this actor is limited to; null for every customer (admins, jobs, unscoped
/// people and tokens). Queries apply it through <see cref="CustomerScopeQueries.VisibleTo{T}(IQueryable{T}, Actor)"/>.</param>
public sealed record Actor(string Name, ActorKind Kind, string? Ip, IReadOnlySet<Guid>? Customers)
{
    public static readonly Actor Anonymous = new("anonymous", ActorKind.Anonymous, null, null);

    public static Actor Job(string jobName) => new($"job:{jobName}", ActorKind.Job, null, null);

    public static Actor CommandLine(string command) => new($"cli:{command}", ActorKind.Cli, null, null);

    public static Actor FromPrincipal(ClaimsPrincipal? user, string? ip)
    {
        if (user?.Identity?.IsAuthenticated != true)
            return Anonymous with { Ip = ip };
        var name = user.Identity.Name ?? "unknown";
        var scope = ScopeOf(user);
        return user.FindFirst(PortalClaims.TokenId) is not null
            ? new Actor($"token:{name}", ActorKind.Token, ip, scope)
            : new Actor(name, ActorKind.User, ip, scope);
    }

    /// <summary>True when this actor is limited to some customers and so may not touch shared objects.</summary>
    public bool IsScoped => Customers is not null;

    /// <summary>True when the actor may see things of <paramref name="customerId"/>. Queries use
    /// <c>VisibleTo(actor)</c> instead; this is for objects already in memory.</summary>
    public bool CanSee(Guid customerId) => Customers is null || Customers.Contains(customerId);

    /// <summary>The one customer a scoped actor's unfiltered question means: their only customer, when they have one.</summary>
    public Guid? SingleCustomer => Customers is { Count: 1 } one ? one.First() : null;

    /// <summary>What the actor sees, as a key for what is kept per scope: "*" for every customer, else the sorted ids.</summary>
    public string ScopeKey => Customers is { } limited ? string.Join(',', limited.Order()) : "*";

    /// <summary>For work done per customer: each of a scoped actor's customers, or one null meaning every customer.</summary>
    public IReadOnlyList<Guid?> EachCustomerOrEveryone => Customers is { } limited ? limited.Select(id => (Guid?)id).ToList() : [null];

    /// <summary>
    /// The actor further limited to the one customer a page or call filters on, for reads only; null when the actor
    /// may not see that customer (whose objects then look exactly like none).
    /// </summary>
    public Actor? Narrowed(Guid? customerId) => customerId switch
    {
        null => this,
        { } id when CanSee(id) => this with { Customers = new HashSet<Guid> { id } },
        _ => null,
    };

    // A scoped principal carries one claim per customer; a limited person whose customers are all gone sees nothing,
    // never everything, because the claims still name the ids.
    private static HashSet<Guid>? ScopeOf(ClaimsPrincipal user)
    {
        var claims = user.FindAll(PortalClaims.CustomerScope).ToList();
        if (claims.Count == 0)
            return null;
        return claims.Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty).ToHashSet();
    }
}
