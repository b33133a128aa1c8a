using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Features.Certificates.Files;
using CertPortal.Features.Dashboard.Reports;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Tests.Reports;

/// <summary>GET /api/v1/reports/compliance: key types, signatures and issuers read from the stored certificates; weak and not-renewed lists.</summary>
public sealed class ComplianceTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_imported_rsa_1024_and_a_sha1_certificate_are_flagged_with_their_reasons_and_imports_are_listed_as_not_renewed()
    {
        var customer = await portal.SeedCustomerAsync();
        await portal.ImportAsync(customer.Id, SelfSigned("legacy-1024.example.test", RSA.Create(1024), HashAlgorithmName.SHA256));
        await portal.ImportAsync(customer.Id, SelfSigned("legacy-sha1.example.test", RSA.Create(2048), HashAlgorithmName.SHA1));
        using var modern = new TestChain("modern.example.test");
        await portal.ImportAsync(customer.Id, modern);
        var api = portal.ApiClient(await portal.CreateTokenAsync("readonly"));

        var view = await (await api.GetAsync($"/api/v1/reports/compliance?customerId={customer.Id}")).JsonAsync();

        Assert.Equal(3, view.GetProperty("certificates").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["EC P-256"] = 1, ["RSA 1024"] = 1, ["RSA 2048"] = 1 }, Counts(view, "keyTypes"));
        Assert.Equal(new Dictionary<string, int> { ["ecdsa-with-SHA256"] = 1, ["sha1WithRSAEncryption"] = 1, ["sha256WithRSAEncryption"] = 1 },
            Counts(view, "signatureAlgorithms"));
        Assert.Equal(new Dictionary<string, int> { ["legacy-1024.example.test"] = 1, ["legacy-sha1.example.test"] = 1, ["Test Import Intermediate"] = 1 },
            Counts(view, "issuers"));

        var weak = Reasons(view, "weak");
        Assert.Equal(["legacy-1024.example.test", "legacy-sha1.example.test"], weak.Keys.Order());
        Assert.Equal(["RSA key of 1024 bits (under 2048)"], weak["legacy-1024.example.test"]);
        Assert.Equal(["SHA-1 signature (sha1WithRSAEncryption)"], weak["legacy-sha1.example.test"]);
        var notRenewed = Reasons(view, "notRenewed");
        Assert.Equal(["legacy-1024.example.test", "legacy-sha1.example.test", "modern.example.test"], notRenewed.Keys.Order());
        Assert.All(notRenewed.Values, reasons => Assert.Equal(["imported: renewed outside the portal"], reasons));
        var line = Assert.Single(view.GetProperty("customers").EnumerateArray());
        Assert.Equal((customer.Name, 3, 2, 3), (line.Str("name"), line.GetProperty("certificates").GetInt32(), line.GetProperty("weak").GetInt32(), line.GetProperty("notRenewed").GetInt32()));
    }

    [Fact]
    public async Task Versions_stored_before_the_key_facts_were_kept_are_read_from_their_pem_and_the_facts_stored()
    {
        var customer = await portal.SeedCustomerAsync();
        var certificate = await portal.ImportAsync(customer.Id, SelfSigned("old-version.example.test", RSA.Create(1024), HashAlgorithmName.SHA1));
        var db = portal.Service<IDbContextFactory<AppDbContext>>();
        await using (var context = await db.CreateDbContextAsync())
        {
            var stored = await context.Set<CertificateVersion>().SingleAsync(v => v.CertificateId == certificate.Id);
            Assert.Equal(("rsa", 1024, "sha1WithRSAEncryption"), (stored.KeyAlgorithm, stored.KeySize, stored.SignatureAlgorithm));
            await context.Set<CertificateVersion>().Where(v => v.CertificateId == certificate.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.KeyAlgorithm, (string?)null).SetProperty(v => v.KeySize, (int?)null).SetProperty(v => v.SignatureAlgorithm, (string?)null));
        }

        var view = await (await portal.ApiClient(await portal.CreateTokenAsync("technician")).GetAsync($"/api/v1/reports/compliance?customerId={customer.Id}")).JsonAsync();

        Assert.Equal(["RSA key of 1024 bits (under 2048)", "SHA-1 signature (sha1WithRSAEncryption)"], Reasons(view, "weak")["old-version.example.test"]);
        await using (var context = await db.CreateDbContextAsync())
        {
            var stored = await context.Set<CertificateVersion>().SingleAsync(v => v.CertificateId == certificate.Id);
            Assert.Equal(("rsa", 1024, "sha1WithRSAEncryption"), (stored.KeyAlgorithm, stored.KeySize, stored.SignatureAlgorithm));
        }
    }

    [Fact]
    public async Task A_scoped_token_sees_only_its_customer_and_another_customers_id_is_not_found()
    {
        var customerA = await portal.SeedCustomerAsync();
        var customerB = await portal.SeedCustomerAsync();
        using var a = new TestChain("a.compliance.test");
        await portal.ImportAsync(customerA.Id, a);
        var scoped = portal.ApiClient(await portal.CreateTokenAsync("readonly", customerB.Id));

        var own = await (await scoped.GetAsync("/api/v1/reports/compliance")).JsonAsync();
        Assert.Equal(0, own.GetProperty("certificates").GetInt32());
        Assert.Equal([customerB.Id.ToString()], own.GetProperty("customers").EnumerateArray().Select(c => c.Str("id")));
        await ProblemAssert.IsProblemAsync(await scoped.GetAsync($"/api/v1/reports/compliance?customerId={customerA.Id}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("rsa", 1024, "sha256WithRSAEncryption", "RSA key of 1024 bits (under 2048)")]
    [InlineData("rsa", 2048, "md5WithRSAEncryption", "MD5 signature (md5WithRSAEncryption)")]
    [InlineData("ec", 256, "ecdsa-with-SHA1", "SHA-1 signature (ecdsa-with-SHA1)")]
    [InlineData("ec", 192, "ecdsa-with-SHA256", "EC key of 192 bits (under 256)")]
    [InlineData("rsa", 2048, "sha256WithRSAEncryption", null)]
    [InlineData("ec", 384, "ecdsa-with-SHA384", null)]
    public void Weakness_rules(string algorithm, int size, string signature, string? reason) =>
        Assert.Equal(reason is null ? Array.Empty<string>() : [reason], WeakCryptography.Reasons(new CertificateKeyFacts(algorithm, size, signature)));

    [Theory]
    [InlineData("rsa", 1024)]
    [InlineData("rsa", 2048)]
    [InlineData("rsa", 3072)]
    [InlineData("ec", 256)]
    [InlineData("ec", 384)]
    [InlineData("ec", 521)]
    public void Key_facts_read_from_the_der_are_what_the_certificate_holds(string algorithm, int size)
    {
        using AsymmetricAlgorithm key = algorithm == "rsa" ? RSA.Create(size) : ECDsa.Create(size switch { 256 => ECCurve.NamedCurves.nistP256, 384 => ECCurve.NamedCurves.nistP384, _ => ECCurve.NamedCurves.nistP521 });
        var request = key is RSA rsa ? new CertificateRequest("CN=facts.test", rsa, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1) : new CertificateRequest("CN=facts.test", (ECDsa)key, HashAlgorithmName.SHA384);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));

        var facts = CertificateKeyFacts.FromPem(certificate.ExportCertificatePem());

        Assert.Equal(new CertificateKeyFacts(algorithm, size, algorithm == "rsa" ? "sha384WithRSAEncryption" : "ecdsa-with-SHA384"), facts);
    }

    /// <summary>A self-signed leaf with its key, as an old appliance's certificate might be; SHA-1 through <see cref="Sha1RsaSignatureGenerator"/>.</summary>
    public static string SelfSigned(string name, RSA key, HashAlgorithmName hash)
    {
        using (key)
        {
            var request = new CertificateRequest($"CN={name}", key, hash == HashAlgorithmName.SHA1 ? HashAlgorithmName.SHA256 : hash, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(name);
            request.CertificateExtensions.Add(san.Build());
            var (from, to) = (DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(200));
            using var certificate = hash == HashAlgorithmName.SHA1
                ? request.Create(request.SubjectName, new Sha1RsaSignatureGenerator(key), from, to, RandomNumberGenerator.GetBytes(16))
                : request.CreateSelfSigned(from, to);
            return certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
        }
    }

    private static Dictionary<string, int> Counts(JsonElement view, string property) =>
        view.GetProperty(property).EnumerateArray().ToDictionary(c => c.Str("name")!, c => c.GetProperty("count").GetInt32());

    private static Dictionary<string, string[]> Reasons(JsonElement view, string property) =>
        view.GetProperty(property).EnumerateArray().ToDictionary(c => c.Str("commonName")!, c => c.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToArray());
}
