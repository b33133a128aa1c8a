using System.Net;
using System.Text;
using CertPortal.Pki;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Pki;

public sealed class CsrReaderTests : IDisposable
{
    private readonly TempFolder _folder = new("csr");

    private string MakeCsr(string newKey, params string[] extra)
    {
        OpenSsl.Ok(_folder.Path, ["req", "-new", "-newkey", newKey, "-nodes", "-keyout", "key.pem", "-out", "req.pem", "-subj", "/C=DE/O=Contoso/CN=device-7", .. extra]);
        return File.ReadAllText(Path.Combine(_folder.Path, "req.pem"));
    }

    [Fact]
    public void A_csr_made_by_openssl_reads_with_subject_key_and_requested_names()
    {
        var pem = MakeCsr("ec:" + WriteCurveParams(), "-addext", "subjectAltName=DNS:device-7.contoso.test,IP:10.1.2.3,email:ops@contoso.test");

        var csr = CsrReader.Read(Encoding.ASCII.GetBytes(pem)).Require();

        Assert.Equal("CN=device-7, O=Contoso, C=DE", csr.Subject.Name);
        Assert.Equal("ec256", csr.Key.Type);
        Assert.Equal(["device-7.contoso.test"], csr.RequestedNames.DnsNames);
        Assert.Equal([IPAddress.Parse("10.1.2.3")], csr.RequestedNames.IpAddresses);
        Assert.Equal(["ops@contoso.test"], csr.RequestedNames.Emails);
        Assert.False(csr.RequestsCa);
    }

    [Fact]
    public void A_der_csr_with_an_rsa_key_reads_and_its_key_can_be_certified()
    {
        MakeCsr("rsa:2048", "-outform", "DER");
        var der = File.ReadAllBytes(Path.Combine(_folder.Path, "req.pem"));
        using var ca = new TestCa();

        var csr = CsrReader.Read(der).Require();
        var leaf = ca.Issuer.IssueLeaf(csr.PublicKey, new LeafProfile(csr.Subject, CertificateUsage.Client, SubjectAlternativeNames.None, TimeSpan.FromDays(30)));

        Assert.Equal("rsa2048", csr.Key.Type);
        Assert.True(leaf.IsOk, leaf.Error);
        Assert.Equal(csr.PublicKey.EncodedKeyValue.RawData, leaf.Value!.PublicKey.EncodedKeyValue.RawData);
    }

    [Fact]
    public void A_csr_with_a_flipped_signature_byte_is_refused()
    {
        MakeCsr("rsa:2048", "-outform", "DER");
        var der = File.ReadAllBytes(Path.Combine(_folder.Path, "req.pem"));
        der[^10] ^= 0x01; // inside the signature BIT STRING, the last element of the request

        var result = CsrReader.Read(der);

        Assert.Equal("The certificate request's signature does not verify: it was altered or not signed by its own key.", result.Error);
    }

    [Fact]
    public void A_csr_asking_for_ca_true_is_detected()
    {
        var pem = MakeCsr("rsa:2048", "-addext", "basicConstraints=critical,CA:TRUE");

        var csr = CsrReader.Read(Encoding.ASCII.GetBytes(pem)).Require();

        Assert.True(csr.RequestsCa);
    }

    [Fact]
    public void A_csr_with_an_rsa_1024_key_is_refused()
    {
        var pem = MakeCsr("rsa:1024");

        var result = CsrReader.Read(Encoding.ASCII.GetBytes(pem));

        Assert.Equal("RSA keys of 1024 bits are too weak; use at least 2048 bits.", result.Error);
    }

    [Fact]
    public void A_csr_with_an_ed25519_key_is_refused_as_unsupported()
    {
        OpenSsl.Ok(_folder.Path, "req", "-new", "-newkey", "ed25519", "-nodes", "-keyout", "key.pem", "-out", "req.pem", "-subj", "/CN=ed");

        var result = CsrReader.Read(File.ReadAllBytes(Path.Combine(_folder.Path, "req.pem")));

        Assert.StartsWith("Key algorithm", result.Error);
        Assert.Contains("is not supported", result.Error);
    }

    [Theory]
    [InlineData("not a request at all")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----\nMIIBIjANBgkq\n-----END CERTIFICATE REQUEST-----\n")]
    public void Garbage_is_refused_as_not_a_request(string text)
    {
        var result = CsrReader.Read(Encoding.ASCII.GetBytes(text));

        Assert.Equal("The file is not a PKCS#10 certificate request (PEM or DER).", result.Error);
    }

    [Fact]
    public void Pem_without_a_request_block_says_so()
    {
        var result = CsrReader.Read(Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));

        Assert.Contains("holds no CERTIFICATE REQUEST", result.Error);
    }

    private string WriteCurveParams()
    {
        OpenSsl.Ok(_folder.Path, "ecparam", "-name", "prime256v1", "-out", "p256.pem");
        return Path.Combine(_folder.Path, "p256.pem");
    }

    public void Dispose() => _folder.Dispose();
}
