using Microsoft.AspNetCore.Components.Authorization;

namespace CertPortal.Security;

/// <summary>Finds the current <see cref="Actor"/>: a job or command set as ambient, a Blazor circuit, or an HTTP request.</summary>
public sealed class ActorAccessor(IHttpContextAccessor http, CircuitClient circuit, IServiceProvider services)
{
    private static readonly AsyncLocal<Actor?> Ambient = new();

    /// <summary>Makes <paramref name="actor"/> the actor for the rest of this async flow (jobs, command line).</summary>
    public static IDisposable RunAs(Actor actor)
    {
        var previous = Ambient.Value;
        Ambient.Value = actor;
        return new Restore(previous);
    }

    public async Task<Actor> GetAsync()
    {
        if (Ambient.Value is { } ambient)
            return ambient;
        if (circuit.IsCircuit && services.GetService<AuthenticationStateProvider>() is { } auth)
        {
            var state = await auth.GetAuthenticationStateAsync();
            return Actor.FromPrincipal(state.User, circuit.Ip);
        }
        if (http.HttpContext is { } context)
            return Actor.FromPrincipal(context.User, context.Connection.RemoteIpAddress?.ToString());
        return Actor.Anonymous;
    }

    /// <summary>The signed-in user or token behind this circuit or request, for a permission a service checks itself; null for jobs and the command line.</summary>
    public async Task<System.Security.Claims.ClaimsPrincipal?> PrincipalAsync()
    {
        if (Ambient.Value is not null)
            return null;
        if (circuit.IsCircuit && services.GetService<AuthenticationStateProvider>() is { } auth)
            return (await auth.GetAuthenticationStateAsync()).User;
        return http.HttpContext?.User;
    }

    private sealed class Restore(Actor? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
