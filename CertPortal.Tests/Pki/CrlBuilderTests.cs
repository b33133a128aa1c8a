using CertPortal.Pki;

namespace CertPortal.Tests.Pki;

public sealed class CrlBuilderTests
{
    [Fact]
    public void Openssl_verifies_the_crl_and_lists_serials_reasons_and_number()
    {
        using var ca = new TestCa();
        var keyCompromised = ca.IssueLeaf("a.pem");
        var superseded = ca.IssueLeaf("b.pem");
        var unspecified = ca.IssueLeaf("c.pem");
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        RevokedCertificate[] revoked =
        [
            new(keyCompromised.SerialNumber, at, RevocationReason.KeyCompromise),
            new(superseded.SerialNumber, at, RevocationReason.Superseded),
            new(unspecified.SerialNumber, at, RevocationReason.Unspecified),
        ];

        var crl = new CrlBuilder(TimeProvider.System).Build(ca.Intermediate, 42, TimeSpan.FromDays(7), revoked).Require();
        File.WriteAllBytes(ca.PathOf("crl.der"), crl.Der);
        File.WriteAllText(ca.PathOf("crl.pem"), crl.Pem);
        var text = OpenSsl.Ok(ca.Folder.Path, "crl", "-in", "crl.der", "-inform", "DER", "-CAfile", "chain.pem", "-verify", "-noout", "-text");

        Assert.Contains("verify OK", text);
        Assert.Contains("X509v3 CRL Number: \n                42", text);
        Assert.Contains("X509v3 Authority Key Identifier", text);
        Assert.Contains($"Serial Number: {AsOpensslPrints(keyCompromised)}\n        Revocation Date: Mar  1 12:00:00 2026 GMT\n        CRL entry extensions:\n            X509v3 CRL Reason Code: \n                Key Compromise", text);
        Assert.Contains($"Serial Number: {AsOpensslPrints(superseded)}\n        Revocation Date: Mar  1 12:00:00 2026 GMT\n        CRL entry extensions:\n            X509v3 CRL Reason Code: \n                Superseded", text);
        Assert.Contains($"Serial Number: {AsOpensslPrints(unspecified)}\n        Revocation Date: Mar  1 12:00:00 2026 GMT", text);
        Assert.Equal(crl.NextUpdate - crl.ThisUpdate, TimeSpan.FromDays(7));
        Assert.Contains("verify OK", OpenSsl.Ok(ca.Folder.Path, "crl", "-in", "crl.pem", "-CAfile", "chain.pem", "-verify", "-noout"));
    }

    [Fact]
    public void Openssl_verify_with_crl_check_refuses_a_revoked_leaf_and_accepts_another()
    {
        using var ca = new TestCa();
        var revoked = ca.IssueLeaf("revoked.pem");
        ca.IssueLeaf("fine.pem");
        var crl = new CrlBuilder(TimeProvider.System).Build(ca.Intermediate, 1, TimeSpan.FromDays(1), [new(revoked.SerialNumber, DateTimeOffset.UtcNow, RevocationReason.CessationOfOperation)]).Require();
        File.WriteAllText(ca.PathOf("crl.pem"), crl.Pem);

        var (exitCode, output) = OpenSsl.Run(ca.Folder.Path, "verify", "-crl_check", "-CRLfile", "crl.pem", "-CAfile", "root.pem", "-untrusted", "ca.pem", "revoked.pem");
        var fine = OpenSsl.Ok(ca.Folder.Path, "verify", "-crl_check", "-CRLfile", "crl.pem", "-CAfile", "root.pem", "-untrusted", "ca.pem", "fine.pem");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("certificate revoked", output);
        Assert.Contains("fine.pem: OK", fine);
    }

    /// <summary>openssl prints the integer's magnitude, without the zero octet that keeps a DER integer positive.</summary>
    private static string AsOpensslPrints(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        certificate.SerialNumber.StartsWith("00", StringComparison.Ordinal) ? certificate.SerialNumber[2..] : certificate.SerialNumber;

    [Fact]
    public void A_serial_that_is_not_hex_is_refused()
    {
        using var ca = new TestCa();

        var result = new CrlBuilder(TimeProvider.System).Build(ca.Intermediate, 1, TimeSpan.FromDays(1), [new("xyz", DateTimeOffset.UtcNow, RevocationReason.Superseded)]);

        Assert.Equal("'xyz' is not a serial number in hex.", result.Error);
    }

    [Theory]
    [InlineData("keyCompromise", 1)]
    [InlineData("KEYCOMPROMISE", 1)]
    [InlineData(" cacompromise ", 2)]
    [InlineData("removeFromCRL", 8)]
    [InlineData("aACompromise", 10)]
    public void Reason_names_parse_without_regard_to_case(string name, int code)
    {
        Assert.Equal(code, RevocationReason.Parse(name).Require().Code);
    }

    [Fact]
    public void An_unknown_reason_is_refused_with_the_list_of_names()
    {
        Assert.Equal("'stolen' is not a revocation reason; use one of: unspecified, keyCompromise, cACompromise, affiliationChanged, superseded, "
            + "cessationOfOperation, certificateHold, removeFromCRL, privilegeWithdrawn, aACompromise.", RevocationReason.Parse("stolen").Error);
    }
}
