namespace CertPortal.Features.CertificateAuthorities;

/// <summary>Settings under <c>CertPortal:Pki</c>.</summary>
public sealed class CaOptions
{
    public const string Section = "CertPortal:Pki";

    /// <summary>nextUpdate − thisUpdate of each CRL; the refresh job signs a new one when half of it has passed.</summary>
    public int CrlValidityHours { get; set; } = 168;

    /// <summary>nextUpdate − thisUpdate of each OCSP answer.</summary>
    public int OcspValidityHours { get; set; } = 24;

    /// <summary>
    /// How often each instance signs again the pre-signed OCSP answers past half their validity and, with several
    /// instances, checks its states against the database: the longest a revocation whose relayed notice was lost
    /// goes unseen there.
    /// </summary>
    public int OcspRecheckSeconds { get; set; } = 60;
}
