namespace CertPortal.Features.Certificates;

/// <summary>Where a certificate comes from: ordered by the portal from an ACME CA, imported, or observed on an endpoint.</summary>
public static class CertificateSources
{
    public const string Acme = "acme";
    public const string Import = "import";

    /// <summary>Adopted from what an endpoint serves: the certificate and chain only, no private key.</summary>
    public const string Observed = "observed";
}
