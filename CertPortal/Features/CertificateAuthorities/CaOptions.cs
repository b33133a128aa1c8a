namespace CertPortal.Features.CertificateAuthorities;

/// <summary>Settings under <c>CertPortal:Pki</c>.</summary>
public sealed class CaOptions
{
    public const string Section = "CertPortal:Pki";

    /// <summary>nextUpdate − thisUpdate of each CRL; the refresh job signs a new one when half of it has passed.</summary>
    public int CrlValidityHours { get; set; } = 168;

    /// <summary>nextUpdate − thisUpdate of each OCSP answer.</summary>
    public int OcspValidityHours { get; set; } = 24;
}
