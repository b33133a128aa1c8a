using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>One version of a certificate as a connector pushes it: PEM parts, its key, and a PFX when a device wants one.</summary>
public sealed record DeployableCertificate(Guid CertificateId, int Version, string CommonName, IReadOnlyList<string> Names,
    string LeafPem, string ChainPem, string KeyPem, string ThumbprintSha256, DateTime NotAfter)
{
    public string FullChainPem => LeafPem + ChainPem;

    /// <summary>PKCS#12 with the chain: AES-256 by default, 3DES/SHA-1 for devices that read nothing newer.</summary>
    public byte[] Pfx(string password, bool legacy = false)
    {
        using var leaf = X509Certificate2.CreateFromPem(LeafPem, KeyPem);
        var collection = new X509Certificate2Collection(leaf);
        if (!string.IsNullOrWhiteSpace(ChainPem))
            collection.ImportFromPem(ChainPem);
        return collection.ExportPkcs12(legacy ? Pkcs12ExportPbeParameters.Pkcs12TripleDesSha1 : Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
    }

    /// <summary>A name for the certificate on a device: common name and version, only letters, digits, '-' and '_', at most <paramref name="max"/> characters.</summary>
    public string DeviceName(int max)
    {
        var baseName = new string(CommonName.Replace("*", "wildcard").Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        var suffix = $"_v{Version}";
        return (baseName.Length + suffix.Length > max ? baseName[..(max - suffix.Length)] : baseName) + suffix;
    }
}
