namespace CertPortal.Tests.Targets.Simulators;

/// <summary>An https binding of a simulated IIS site: "ip:port:host", sslFlags (1 = SNI) and the bound certificate's thumbprint.</summary>
public sealed class SimulatedBinding(string site, string bindingInformation, int sslFlags, string? certificateHash)
{
    public string Site { get; } = site;

    public string BindingInformation { get; } = bindingInformation;

    public int SslFlags { get; } = sslFlags;

    public string? CertificateHash { get; set; } = certificateHash;

    public string IpAddress => BindingInformation[..BindingInformation[..BindingInformation.LastIndexOf(':')].LastIndexOf(':')];

    public int Port => int.Parse(BindingInformation.Split(':')[^2]);

    public string HostName => BindingInformation[(BindingInformation.LastIndexOf(':') + 1)..];

    public bool Sni => (SslFlags & 1) != 0;
}
