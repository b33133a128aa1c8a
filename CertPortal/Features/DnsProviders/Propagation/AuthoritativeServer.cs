namespace CertPortal.Features.DnsProviders.Propagation;

/// <summary>One name server of a zone (its NS name) at one of its addresses.</summary>
public sealed record AuthoritativeServer(string Name, DnsServerAddress Address)
{
    public override string ToString() => $"{Name} ({Address})";
}
