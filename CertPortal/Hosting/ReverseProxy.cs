using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CertPortal.Hosting;

public static class ReverseProxy
{
    /// <summary>
    /// Believes X-Forwarded-For and X-Forwarded-Proto only from the configured proxies, so the audit log records the
    /// real client address and the sign-in cookie is marked Secure when the proxy received https. Proxy setup
    /// (WebSockets for Blazor, timeouts): docs/operations.md.
    /// </summary>
    public static WebApplicationBuilder AddReverseProxy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.Section)
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "CertPortal:ReverseProxy:KnownProxies holds an entry that is not an IP address.")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "CertPortal:ReverseProxy:KnownNetworks holds an entry that is not a CIDR network (e.g. 10.0.0.0/24).")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET trusts loopback by default; here only what the operator named is trusted.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in proxies.Value.KnownNetworks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return builder;
    }

    // With no proxy configured the middleware stays out: given empty lists it would believe every caller.
    public static IApplicationBuilder UseReverseProxy(this IApplicationBuilder app)
    {
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<ReverseProxyOptions>>().Value;
        return proxies.KnownProxies.Length + proxies.KnownNetworks.Length == 0 ? app : app.UseForwardedHeaders();
    }
}
