using System.Security.Cryptography.X509Certificates;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Pki;

namespace CertPortal.Tests.AcmeServer;

/// <summary>Debian's lego gets, and revokes, certificates from a portal CA's ACME server, as a customer's server would.</summary>
[Collection(AcmeServerCollection.Name)]
public sealed class LegoAgainstAcmeServerTests(AcmeServerFixture acme)
{
    [Fact]
    public async Task Lego_gets_a_certificate_over_http01_that_openssl_verifies_against_the_ca_and_the_inventory_lists_as_server()
    {
        var domain = $"web-{Guid.NewGuid():N}"[..12] + ".example.test";
        await acme.AddAddressAsync(domain);
        using var lego = new LegoRunner(acme);

        (await lego.RunAsync(domain, "http-01", await acme.NewEabKeyAsync())).Succeeded("lego run (http-01)");

        File.WriteAllText(Path.Combine(lego.Folder, "ca.pem"), acme.CaPem);
        Assert.Contains(": OK", OpenSsl.Ok(lego.Folder, "verify", "-CAfile", "ca.pem", "-purpose", "sslserver", lego.CertificatePath(domain)));
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(lego.CertificatePath(domain)));
        var row = await acme.InventoryRowAsync(certificate.SerialNumber.ToLowerInvariant());
        Assert.Equal("server", row.Str("usage"));
        Assert.Equal(acme.CustomerId.ToString(), row.Str("customerId"));
        Assert.Contains($"dns:{domain}", row.GetProperty("subjectAlternativeNames").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task Lego_gets_a_certificate_over_dns01_and_lego_revoke_makes_the_ocsp_answer_revoked()
    {
        var domain = $"dns-{Guid.NewGuid():N}"[..12] + ".example.test";
        using var lego = new LegoRunner(acme);

        var key = await acme.NewEabKeyAsync();
        (await lego.RunAsync(domain, "dns-01", key)).Succeeded("lego run (dns-01)");
        File.WriteAllText(Path.Combine(lego.Folder, "ca.pem"), acme.CaPem);
        // lego moves a revoked certificate to its archive: keep a copy to ask OCSP about afterwards.
        File.Copy(lego.CertificatePath(domain), Path.Combine(lego.Folder, "leaf.pem"));
        var ocsp = new[] { "ocsp", "-issuer", "ca.pem", "-cert", "leaf.pem", "-url", acme.OcspUrl, "-CAfile", "ca.pem" };
        Assert.Contains(": good", OpenSsl.Ok(lego.Folder, ocsp));

        // lego 4.9 wants the EAB flags whenever the directory requires EAB, also for an account it already has.
        (await lego.RunAsync(domain, "dns-01", key, "revoke")).Succeeded("lego revoke");

        Assert.Contains(": revoked", OpenSsl.Ok(lego.Folder, ocsp));
    }

    [Fact]
    public async Task Lego_without_eab_stops_at_the_directory_a_wrong_hmac_is_unauthorized_and_neither_uses_the_key_up()
    {
        var domain = $"eab-{Guid.NewGuid():N}"[..12] + ".example.test";
        var key = await acme.NewEabKeyAsync();
        using var lego = new LegoRunner(acme);

        // lego reads meta.externalAccountRequired and stops before asking; the server's own refusal of a newAccount
        // without EAB is in AcmeServerProtocolTests.
        var without = await lego.RunAsync(domain, "dns-01", null);
        Assert.NotEqual(0, without.ExitCode);
        Assert.Contains("Server requires External Account Binding", without.Output);

        var wrong = await lego.RunAsync(domain, "dns-01", (key.KeyId, CertPortal.Acme.Base64Url.Encode(new byte[32])));
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("unauthorized", wrong.Output);

        (await lego.RunAsync(domain, "dns-01", key)).Succeeded("lego run with the right EAB after two refusals");
        Assert.True(File.Exists(lego.CertificatePath(domain)));
    }

    [Fact]
    public async Task Lego_is_refused_a_name_outside_the_eab_keys_domains_and_one_outside_the_cas_constraints()
    {
        using var lego = new LegoRunner(acme);
        var limited = await acme.NewEabKeyAsync(["intranet.example.test"]);

        var outsideKey = await lego.RunAsync("www.example.test", "dns-01", limited);
        Assert.NotEqual(0, outsideKey.ExitCode);
        Assert.Contains("rejectedIdentifier", outsideKey.Output);

        using var other = new LegoRunner(acme);
        var outsideCa = await other.RunAsync("www.contoso.com", "dns-01", await acme.NewEabKeyAsync());
        Assert.NotEqual(0, outsideCa.ExitCode);
        Assert.Contains("rejectedIdentifier", outsideCa.Output);
    }
}
