using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Tests.Certificates;

/// <summary>A root → intermediate → leaf chain made in the test, as another CA would have issued it, for imports.</summary>
public sealed class TestChain : IDisposable
{
    public TestChain(string commonName = "imported.example.test", int days = 90)
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = Authority("CN=Test Import Root", rootKey, null, null);
        Root = X509CertificateLoader.LoadCertificate(root.RawData);
        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Intermediate = Authority("CN=Test Import Intermediate", intermediateKey, root, rootKey);
        LeafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", LeafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(commonName);
        san.AddDnsName("www." + commonName);
        request.CertificateExtensions.Add(san.Build());
        using var signer = Intermediate.CopyWithPrivateKey(intermediateKey);
        Leaf = request.Create(signer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(days), RandomNumberGenerator.GetBytes(16));
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    public X509Certificate2 Leaf { get; }

    public ECDsa LeafKey { get; }

    public string LeafPem => Leaf.ExportCertificatePem() + "\n";

    public string KeyPem => LeafKey.ExportPkcs8PrivateKeyPem() + "\n";

    public string IntermediatePem => Intermediate.ExportCertificatePem() + "\n";

    public byte[] Pfx(string password)
    {
        using var withKey = Leaf.CopyWithPrivateKey(LeafKey);
        return new X509Certificate2Collection { withKey, Intermediate }.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
    }

    private static DateTimeOffset Today => new(DateTime.UtcNow.Date, TimeSpan.Zero);

    private static X509Certificate2 Authority(string subject, ECDsa key, X509Certificate2? issuer, ECDsa? issuerKey)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var (from, to) = (Today.AddDays(-2), Today.AddYears(1));
        return issuer is null
            ? request.CreateSelfSigned(from, to)
            : request.Create(issuer, from, to, RandomNumberGenerator.GetBytes(16));
    }

    public void Dispose()
    {
        Root.Dispose();
        Intermediate.Dispose();
        Leaf.Dispose();
        LeafKey.Dispose();
    }
}
