using System.Security.Cryptography.X509Certificates;
using CertPortal.Pki;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Pki;

/// <summary>
/// A root and an intermediate made by <see cref="CertificateIssuer"/>, written as <c>root.pem</c> and
/// <c>ca.pem</c> into a temp folder for openssl, with an issuer for leafs under the intermediate.
/// </summary>
internal sealed class TestCa : IDisposable
{
    public const string BaseUrl = "http://pki.msp.test/pki/7f0c";

    public TestCa(string rootKeyType = "ec256", string intermediateKeyType = "ec384", DnsNameConstraints? constraints = null)
    {
        Root = CertificateIssuer.CreateRoot(PkiKeys.Create(rootKeyType).Require(), new CaProfile(Subject("CN=Test Root,O=MSP,C=DE"), TimeSpan.FromDays(3650), PathLength: 1), TimeProvider.System);
        var intermediateKey = PkiKeys.Create(intermediateKeyType).Require();
        var rootIssuer = new CertificateIssuer(Root, RevocationUrls.Under("http://pki.msp.test/pki/root"), TimeProvider.System);
        var intermediate = rootIssuer.IssueIntermediate(new PublicKey(intermediateKey), new CaProfile(Subject("CN=Test Issuing CA,O=MSP,C=DE"), TimeSpan.FromDays(1825), NameConstraints: constraints)).Require();
        Intermediate = PkiKeys.Attach(intermediate, intermediateKey);
        Issuer = new CertificateIssuer(Intermediate, RevocationUrls.Under(BaseUrl), TimeProvider.System);
        File.WriteAllText(PathOf("root.pem"), Root.ExportCertificatePem());
        File.WriteAllText(PathOf("ca.pem"), Intermediate.ExportCertificatePem());
        File.WriteAllText(PathOf("chain.pem"), Intermediate.ExportCertificatePem() + "\n" + Root.ExportCertificatePem());
    }

    public TempFolder Folder { get; } = new("pki");

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    public CertificateIssuer Issuer { get; }

    public string PathOf(string name) => Path.Combine(Folder.Path, name);

    /// <summary>Issues a leaf for a fresh key of <paramref name="keyType"/>, writes it as <paramref name="file"/> and returns it with its key.</summary>
    public X509Certificate2 IssueLeaf(string file, string usage = "client", string keyType = "ec256", string[]? names = null, string subject = "CN=alice,O=Contoso,C=DE")
    {
        var key = PkiKeys.Create(keyType).Require();
        var profile = new LeafProfile(Subject(subject), CertificateUsage.Parse(usage).Require(), SubjectAlternativeNames.Parse(names ?? ["vpn.contoso.test"]).Require(), TimeSpan.FromDays(365));
        var leaf = Issuer.IssueLeaf(new PublicKey(key), profile).Require();
        File.WriteAllText(PathOf(file), leaf.ExportCertificatePem());
        return PkiKeys.Attach(leaf, key);
    }

    public static X500DistinguishedName Subject(string text) => SubjectName.Parse(text).Require();

    public void Dispose() => Folder.Dispose();
}
