using System.Security.Cryptography.X509Certificates;
using CertPortal.Pki;

namespace CertPortal.Tests.Pki;

public sealed class CertificateIssuerTests
{
    [Theory]
    [InlineData("client", "ec256", "sslclient")]
    [InlineData("client", "rsa4096", "sslclient")]
    [InlineData("server", "ec384", "sslserver")]
    [InlineData("server", "rsa2048", "sslserver")]
    [InlineData("client-server", "rsa3072", "sslclient")]
    [InlineData("client-server", "ec256", "sslserver")]
    [InlineData("email", "rsa2048", "smimesign")]
    [InlineData("email", "ec384", "smimesign")]
    public void Openssl_verifies_the_chain_of_a_leaf_for_its_purpose(string usage, string keyType, string purpose)
    {
        using var ca = new TestCa();
        ca.IssueLeaf("leaf.pem", usage, keyType, ["vpn.contoso.test", "alice@contoso.test"]);

        var output = OpenSsl.Ok(ca.Folder.Path, "verify", "-CAfile", "root.pem", "-untrusted", "ca.pem", "-purpose", purpose, "leaf.pem");

        Assert.Contains("leaf.pem: OK", output);
    }

    [Fact]
    public void An_rsa_client_leaf_shows_its_key_usages_names_and_revocation_urls()
    {
        using var ca = new TestCa();
        ca.IssueLeaf("leaf.pem", "client", "rsa2048", ["vpn.contoso.test", "ip:10.0.0.7", "email:alice@contoso.test", "uri:https://contoso.test/alice"]);

        var text = OpenSsl.Ok(ca.Folder.Path, "x509", "-in", "leaf.pem", "-noout", "-text");

        Assert.Contains("Digital Signature, Key Encipherment", text);
        Assert.Contains("TLS Web Client Authentication", text);
        Assert.DoesNotContain("TLS Web Server Authentication", text);
        Assert.Contains("DNS:vpn.contoso.test, IP Address:10.0.0.7, email:alice@contoso.test, URI:https://contoso.test/alice", text);
        Assert.Contains($"OCSP - URI:{TestCa.BaseUrl}/ocsp", text);
        Assert.Contains($"CA Issuers - URI:{TestCa.BaseUrl}/ca.crt", text);
        Assert.Contains($"URI:{TestCa.BaseUrl}/crl", text);
        Assert.Contains("CA:FALSE", text);
        Assert.Contains("X509v3 Subject Key Identifier", text);
        Assert.Contains("X509v3 Authority Key Identifier", text);
        Assert.Contains("Subject: C = DE, O = Contoso, CN = alice", text);
    }

    [Theory]
    [InlineData("client-server", "TLS Web Server Authentication, TLS Web Client Authentication")]
    [InlineData("email", "E-mail Protection")]
    public void An_ec_leaf_has_no_key_encipherment(string usage, string extendedKeyUsage)
    {
        using var ca = new TestCa();
        ca.IssueLeaf("leaf.pem", usage, "ec256", ["mail.contoso.test", "alice@contoso.test"]);

        var text = OpenSsl.Ok(ca.Folder.Path, "x509", "-in", "leaf.pem", "-noout", "-text");

        Assert.Contains("Digital Signature", text);
        Assert.DoesNotContain("Key Encipherment", text);
        Assert.Contains(extendedKeyUsage, text);
    }

    [Fact]
    public void Serials_are_positive_and_carry_128_random_bits()
    {
        using var ca = new TestCa();
        var serials = Enumerable.Range(0, 20).Select(i => ca.IssueLeaf($"leaf{i}.pem").SerialNumberBytes.ToArray()).ToList();

        Assert.All(serials, s => Assert.InRange(s.Length, 15, 17));
        Assert.All(serials, s => Assert.True(s[0] < 0x80, "A serial must be positive."));
        Assert.Equal(20, serials.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void Root_and_intermediate_are_cas_with_path_length_and_key_usage()
    {
        using var ca = new TestCa();

        var root = OpenSsl.Ok(ca.Folder.Path, "x509", "-in", "root.pem", "-noout", "-text");
        var intermediate = OpenSsl.Ok(ca.Folder.Path, "x509", "-in", "ca.pem", "-noout", "-text");

        Assert.Contains("CA:TRUE, pathlen:1", root);
        Assert.Contains("Certificate Sign, CRL Sign", root);
        Assert.Contains("CA:TRUE, pathlen:0", intermediate);
        Assert.Contains("X509v3 Authority Key Identifier", intermediate);
        Assert.Contains("OCSP - URI:http://pki.msp.test/pki/root/ocsp", intermediate);
        Assert.Contains("ca.pem: OK", OpenSsl.Ok(ca.Folder.Path, "verify", "-CAfile", "root.pem", "ca.pem"));
    }

    [Fact]
    public void A_ca_with_path_length_zero_may_not_sign_another_ca()
    {
        using var ca = new TestCa();
        var issuer = new CertificateIssuer(ca.Intermediate, RevocationUrls.None, TimeProvider.System);
        using var key = PkiKeys.Create("ec256").Require();

        var result = issuer.IssueIntermediate(new PublicKey(key), new CaProfile(TestCa.Subject("CN=Too Deep"), TimeSpan.FromDays(30)));

        Assert.False(result.IsOk);
        Assert.Contains("path length 0", result.Error);
    }

    [Fact]
    public void Validity_is_cut_at_the_issuers_not_after()
    {
        using var ca = new TestCa();
        using var key = PkiKeys.Create("ec256").Require();
        var profile = new LeafProfile(TestCa.Subject("CN=long"), CertificateUsage.Client, SubjectAlternativeNames.None, TimeSpan.FromDays(20 * 365));

        var leaf = ca.Issuer.IssueLeaf(new PublicKey(key), profile).Require();

        Assert.Equal(ca.Intermediate.NotAfter, leaf.NotAfter);
    }

    [Fact]
    public void Names_outside_the_cas_name_constraints_are_refused_and_names_inside_verify()
    {
        var constraints = DnsNameConstraints.Create(["contoso.test"], ["secret.contoso.test"]).Require();
        using var ca = new TestCa(constraints: constraints);
        using var key = PkiKeys.Create("ec256").Require();
        PkiResult<X509Certificate2> Issue(params string[] names) => ca.Issuer.IssueLeaf(new PublicKey(key),
            new LeafProfile(TestCa.Subject("CN=host"), CertificateUsage.Server, SubjectAlternativeNames.Parse(names).Require(), TimeSpan.FromDays(90)));

        var outside = Issue("www.contoso.test", "www.fabrikam.test");
        var excluded = Issue("db.secret.contoso.test");
        var lookalike = Issue("evilcontoso.test");
        var inside = Issue("www.contoso.test", "contoso.test").Require();
        File.WriteAllText(ca.PathOf("inside.pem"), inside.ExportCertificatePem());

        Assert.Equal($"www.fabrikam.test lies outside the names {ca.Intermediate.Subject} may issue for.", outside.Error);
        Assert.Contains("db.secret.contoso.test lies outside", excluded.Error);
        Assert.Contains("evilcontoso.test lies outside", lookalike.Error);
        Assert.Contains("Permitted:\n                  DNS:contoso.test", OpenSsl.Ok(ca.Folder.Path, "x509", "-in", "ca.pem", "-noout", "-text"));
        Assert.Contains("inside.pem: OK", OpenSsl.Ok(ca.Folder.Path, "verify", "-CAfile", "root.pem", "-untrusted", "ca.pem", "inside.pem"));
    }

    [Fact]
    public void A_server_certificate_needs_a_dns_name_or_ip_and_an_email_certificate_an_address()
    {
        using var ca = new TestCa();
        using var key = PkiKeys.Create("ec256").Require();

        var server = ca.Issuer.IssueLeaf(new PublicKey(key), new LeafProfile(TestCa.Subject("CN=web"), CertificateUsage.Server, SubjectAlternativeNames.None, TimeSpan.FromDays(90)));
        var email = ca.Issuer.IssueLeaf(new PublicKey(key), new LeafProfile(TestCa.Subject("CN=bob"), CertificateUsage.Email, SubjectAlternativeNames.Parse(["bob.contoso.test"]).Require(), TimeSpan.FromDays(90)));

        Assert.Contains("at least one DNS name or IP address", server.Error);
        Assert.Contains("at least one email address", email.Error);
    }

    [Fact]
    public void A_delegated_ocsp_signer_has_ocsp_signing_and_nocheck()
    {
        using var ca = new TestCa();
        using var key = PkiKeys.Create("ec256").Require();

        File.WriteAllText(ca.PathOf("signer.pem"), ca.Issuer.IssueOcspSigner(new PublicKey(key), TimeSpan.FromDays(30)).ExportCertificatePem());
        var text = OpenSsl.Ok(ca.Folder.Path, "x509", "-in", "signer.pem", "-noout", "-text");

        Assert.Contains("OCSP Signing", text);
        Assert.Contains("OCSP No Check", text);
        Assert.Contains("signer.pem: OK", OpenSsl.Ok(ca.Folder.Path, "verify", "-CAfile", "root.pem", "-untrusted", "ca.pem", "-purpose", "ocsphelper", "signer.pem"));
    }
}
