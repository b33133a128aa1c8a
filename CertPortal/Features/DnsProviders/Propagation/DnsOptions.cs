namespace CertPortal.Features.DnsProviders.Propagation;

/// <summary>How the portal itself looks things up in DNS: zones, name servers, CNAME delegations (<c>CertPortal:Dns</c>).</summary>
public sealed class DnsOptions
{
    public const string Section = "CertPortal:Dns";

    /// <summary>Recursive resolvers as host:port. Empty: the machine's own (/etc/resolv.conf).</summary>
    public List<string> Resolvers { get; set; } = [];

    /// <summary>
    /// The port authoritative name servers are asked on. Always 53 on the Internet; a test lab that runs its name
    /// servers on another port sets it here.
    /// </summary>
    public int AuthoritativePort { get; set; } = 53;

    public bool IsValid(out string problem)
    {
        problem = "";
        if (AuthoritativePort is < 1 or > 65535)
            problem = $"{Section}:AuthoritativePort must be a port number (1-65535), not {AuthoritativePort}.";
        foreach (var resolver in Resolvers.Where(r => !DnsServerAddress.TryParse(r, out _)))
            problem = $"{Section}:Resolvers holds '{resolver}', which is not an IP address with an optional port.";
        return problem.Length == 0;
    }
}
