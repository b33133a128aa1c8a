using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CertPortal.Features.Certificates.Files;

/// <summary>A leaf and its intermediates in order (each certificate's issuer follows it), read from PEM.</summary>
public sealed class CertificateChain : IDisposable
{
    private CertificateChain(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> intermediates)
    {
        Leaf = leaf;
        Intermediates = intermediates;
    }

    public X509Certificate2 Leaf { get; }

    public IReadOnlyList<X509Certificate2> Intermediates { get; }

    /// <summary>Reads a PEM bundle whose first certificate is the leaf (as ACME CAs send it).</summary>
    public static CertificateChain FromLeafFirstPem(string pem)
    {
        var all = new X509Certificate2Collection();
        all.ImportFromPem(pem);
        if (all.Count == 0)
            throw new CryptographicException("The CA sent no certificate.");
        return new CertificateChain(all[0], all.Skip(1).ToList());
    }

    public static CertificateChain From(X509Certificate2 leaf, IEnumerable<X509Certificate2> intermediates) => new(leaf, intermediates.ToList());

    public string LeafPem => Pem(Leaf);

    public string IntermediatesPem => string.Concat(Intermediates.Select(Pem));

    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";

    public static string Sha256(X509Certificate2 certificate) => Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));

    /// <summary>The serial as lowercase hex, as openssl prints it without colons.</summary>
    public static string Serial(X509Certificate2 certificate) => certificate.SerialNumber.ToLowerInvariant();

    /// <summary>The issuer's common name when it has one, else the whole issuer name.</summary>
    public static string IssuerName(X509Certificate2 certificate) =>
        certificate.IssuerName.Name.Split(',', StringSplitOptions.TrimEntries).FirstOrDefault(p => p.StartsWith("CN=", StringComparison.Ordinal))?[3..]
        ?? certificate.Issuer;

    public void Dispose()
    {
        Leaf.Dispose();
        foreach (var c in Intermediates)
            c.Dispose();
    }

    public override string ToString() => new StringBuilder(LeafPem).Append(IntermediatesPem).ToString();
}
