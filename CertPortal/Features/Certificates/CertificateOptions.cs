using CertPortal.Features.Certificates.Planning;

namespace CertPortal.Features.Certificates;

/// <summary>Settings under <c>CertPortal:Certificates</c>.</summary>
public sealed class CertificateOptions
{
    public const string Section = "CertPortal:Certificates";

    /// <summary>Orders worked on at once; the rest wait in the queue.</summary>
    public int MaxParallelIssuances { get; set; } = 10;

    /// <summary>How often the renewal job looks for certificates that are due.</summary>
    public int RenewalCheckMinutes { get; set; } = 5;

    /// <summary>Issuance limits of CAs the portal does not know (or other values for ones it does), by directory URL.</summary>
    public List<CaLimits> CaLimits { get; set; } = [];
}
