namespace CertPortal.Features.DnsProviders.Propagation;

/// <summary>The zone a name lives in, the name servers that answered for it, and those that did not.</summary>
public sealed record AuthoritativeZone(string Zone, IReadOnlyList<AuthoritativeServer> Servers, IReadOnlyList<AuthoritativeServer> Unreachable)
{
    public string Describe() => $"Asked the authoritative servers of {Zone}: {string.Join(", ", Servers)}."
        + (Unreachable.Count > 0 ? $" Not answering, so left out: {string.Join(", ", Unreachable)}." : "");
}
