using CertPortal.Features.DnsProviders.Propagation;
using Microsoft.Extensions.Options;

namespace CertPortal.Tests.DnsProviders;

/// <summary>Zone discovery as the portal builds it, bootstrapped from a test's resolver and authoritative port.</summary>
public static class LabDiscovery
{
    public static AuthoritativeServers Through(string resolver, int authoritativePort) =>
        new(new BootstrapResolver(Options.Create(new DnsOptions { Resolvers = [resolver], AuthoritativePort = authoritativePort })));

    public static Dns01Solver Solver(string resolver, int authoritativePort) =>
        new(new PropagationChecker(TimeProvider.System), Through(resolver, authoritativePort));

    /// <summary>A portal whose <c>CertPortal:Dns:Resolvers</c> and <c>AuthoritativePort</c> point into the lab.</summary>
    public static Infrastructure.PortalFactory Portal(string resolver, int authoritativePort)
    {
        var portal = new Infrastructure.PortalFactory();
        portal.Settings["CertPortal:Dns:Resolvers:0"] = resolver;
        portal.Settings["CertPortal:Dns:AuthoritativePort"] = authoritativePort.ToString();
        return portal;
    }
}
