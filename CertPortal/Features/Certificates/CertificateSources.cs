namespace CertPortal.Features.Certificates;

/// <summary>Where a certificate comes from: ordered by the portal from an ACME CA, or imported.</summary>
public static class CertificateSources
{
    public const string Acme = "acme";
    public const string Import = "import";
}
