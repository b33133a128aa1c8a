using CertPortal.Features.Certificates.Files;

namespace CertPortal.Features.Dashboard.Reports;

/// <summary>
/// Why a certificate's cryptography no longer passes: RSA under 2048 bits (NIST SP 800-131A, CA/B Forum), EC under
/// 256 bits, and signatures over SHA-1 or MD5, which browsers and CAs stopped accepting.
/// </summary>
public static class WeakCryptography
{
    public static IReadOnlyList<string> Reasons(CertificateKeyFacts facts)
    {
        var reasons = new List<string>();
        if (facts.KeyAlgorithm == CertificateKeyFacts.Rsa && facts.KeySize < 2048)
            reasons.Add($"RSA key of {facts.KeySize} bits (under 2048)");
        if (facts.KeyAlgorithm == CertificateKeyFacts.Ec && facts.KeySize < 256)
            reasons.Add($"EC key of {facts.KeySize} bits (under 256)");
        if (facts.SignatureAlgorithm.Contains("sha1", StringComparison.OrdinalIgnoreCase))
            reasons.Add($"SHA-1 signature ({facts.SignatureAlgorithm})");
        if (facts.SignatureAlgorithm.Contains("md5", StringComparison.OrdinalIgnoreCase))
            reasons.Add($"MD5 signature ({facts.SignatureAlgorithm})");
        return reasons;
    }
}
