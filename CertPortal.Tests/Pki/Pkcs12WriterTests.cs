using CertPortal.Pki;

namespace CertPortal.Tests.Pki;

public sealed class Pkcs12WriterTests
{
    private const string Password = "Correct-Horse-7";

    [Fact]
    public void Openssl_opens_the_modern_pfx_with_key_and_chain_under_aes_256()
    {
        using var ca = new TestCa();
        using var key = PkiKeys.Create("rsa2048").Require();
        var leaf = ca.Issuer.IssueLeaf(new System.Security.Cryptography.X509Certificates.PublicKey(key),
            new LeafProfile(TestCa.Subject("CN=alice"), CertificateUsage.Client, SubjectAlternativeNames.None, TimeSpan.FromDays(30))).Require();
        File.WriteAllBytes(ca.PathOf("alice.pfx"), Pkcs12Writer.Write(leaf, key, [ca.Intermediate], Password, Pkcs12Flavour.Modern));

        var info = OpenSsl.Ok(ca.Folder.Path, "pkcs12", "-in", "alice.pfx", "-passin", $"pass:{Password}", "-nodes", "-info");
        var certs = OpenSsl.Ok(ca.Folder.Path, "pkcs12", "-in", "alice.pfx", "-passin", $"pass:{Password}", "-nokeys");

        Assert.Contains("PBES2, PBKDF2, AES-256-CBC", info);
        Assert.Contains("-----BEGIN PRIVATE KEY-----", info);
        Assert.Contains("subject=CN = alice", certs);
        Assert.Contains("subject=C = DE, O = MSP, CN = Test Issuing CA", certs);
    }

    [Fact]
    public void Openssl_opens_the_legacy_pfx_with_legacy_and_it_is_triple_des()
    {
        using var ca = new TestCa();
        var leaf = ca.IssueLeaf("leaf.pem");
        File.WriteAllBytes(ca.PathOf("old.pfx"), Pkcs12Writer.Write(leaf, null, [ca.Intermediate, ca.Root], Password, Pkcs12Flavour.Legacy));

        var info = OpenSsl.Ok(ca.Folder.Path, "pkcs12", "-legacy", "-in", "old.pfx", "-passin", $"pass:{Password}", "-nodes", "-info");

        Assert.Contains("pbeWithSHA1And3-KeyTripleDES-CBC", info);
        Assert.Contains("MAC: sha1", info);
        // openssl's -info lines name the algorithms; the PEM bodies (base64) may contain any letters, so only those lines are checked.
        Assert.DoesNotContain(info.Split('\n'), line => !line.StartsWith("-----") && line.Contains("PBES2") || line.Contains("AES-256-CBC"));
        Assert.Contains("-----BEGIN PRIVATE KEY-----", info);
        Assert.Contains("subject=C = DE, O = MSP, CN = Test Root", info);
    }

    [Fact]
    public void A_wrong_password_does_not_open_it()
    {
        using var ca = new TestCa();
        var leaf = ca.IssueLeaf("leaf.pem");
        File.WriteAllBytes(ca.PathOf("x.pfx"), Pkcs12Writer.Write(leaf, null, [], Password, Pkcs12Flavour.Modern));

        var (exitCode, output) = OpenSsl.Run(ca.Folder.Path, "pkcs12", "-in", "x.pfx", "-passin", "pass:wrong", "-nokeys");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Mac verify error", output);
    }
}
