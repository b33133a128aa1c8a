using CertPortal.Tests.Pki;

namespace CertPortal.Tests.AcmeServer;

/// <summary>Debian's certbot gets certificates from a portal CA's ACME server over both challenge types, with EAB.</summary>
[Collection(AcmeServerCollection.Name)]
public sealed class CertbotAgainstAcmeServerTests(AcmeServerFixture acme)
{
    [Theory]
    [InlineData("http-01")]
    [InlineData("dns-01")]
    public async Task Certbot_gets_a_certificate_with_its_chain_that_openssl_verifies_against_the_ca(string challenge)
    {
        var domain = $"cb-{Guid.NewGuid():N}"[..12] + ".example.test";
        if (challenge == "http-01")
            await acme.AddAddressAsync(domain);
        using var certbot = new CertbotRunner(acme);

        (await certbot.CertonlyAsync(domain, challenge, await acme.NewEabKeyAsync())).Succeeded($"certbot certonly ({challenge})");

        File.WriteAllText(Path.Combine(certbot.Folder, "ca.pem"), acme.CaPem);
        Assert.Contains(": OK", OpenSsl.Ok(certbot.Folder, "verify", "-CAfile", "ca.pem", "-purpose", "sslserver", certbot.CertificatePath(domain)));
        // The chain the server sent with it (application/pem-certificate-chain) ends with the CA.
        Assert.Contains(acme.CaPem.Trim(), File.ReadAllText(certbot.FullChainPath(domain)).Replace("\r", ""));
    }
}
