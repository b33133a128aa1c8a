using System.Formats.Asn1;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPortal.Tests.ClientCerts;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.CertificateAuthorities;

/// <summary>A CA's own revocation base URL: written into what it issues (AIA, CDP, OCSP), shown by the API, checked on input.</summary>
public sealed class CaRevocationBaseUrlTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_ca_with_a_revocation_base_url_writes_it_into_the_aia_cdp_and_ocsp_of_what_it_issues()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var ca = await (await setup.Api.PostAsJsonAsync("/api/v1/cas", new
        {
            customerId = setup.CustomerId, name = PortalSeed.UniqueName("VPN CA"), subject = "CN=Contoso VPN CA,O=Contoso", keyType = "ec256", validityDays = 3650,
            revocationBaseUrl = "http://pki.contoso.example/",
        })).JsonAsync(HttpStatusCode.Created);
        var id = ca.Str("id");
        var folder = $"http://pki.contoso.example/pki/{id}";
        Assert.Equal("http://pki.contoso.example", ca.Str("revocationBaseUrl"));
        Assert.Equal($"{folder}/ca.crt", ca.GetProperty("revocationUrls").Str("caIssuers"));
        Assert.Equal($"{folder}/crl", ca.GetProperty("revocationUrls").Str("crl"));
        Assert.Equal($"{folder}/ocsp", ca.GetProperty("revocationUrls").Str("ocsp"));
        Assert.Equal($"{folder}/ocsp", ca.Str("ocspUrl"));
        var read = await (await setup.Api.GetAsync($"/api/v1/cas/{id}")).JsonAsync();
        Assert.Equal("http://pki.contoso.example", read.Str("revocationBaseUrl"));
        var listed = (await (await setup.Api.GetAsync($"/api/v1/cas?customerId={setup.CustomerId}")).JsonAsync()).Items().Single(c => c.Str("id") == id);
        Assert.Equal($"{folder}/crl", listed.GetProperty("revocationUrls").Str("crl"));

        var issued = await setup.IssueAsync(Guid.Parse(id!), "alice");
        using var leaf = X509Certificate2.CreateFromPem(await setup.DownloadTextAsync(Guid.Parse(issued.Str("id")!), "pem-cert"));
        AssertPointsTo(leaf, folder);

        // An intermediate it signs carries the parent's addresses, not the portal's.
        var child = await setup.CreateCaAsync("CN=Contoso VPN Users,O=Contoso", Guid.Parse(id!));
        using var intermediate = X509Certificate2.CreateFromPem(child.Str("certificatePem"));
        AssertPointsTo(intermediate, folder);
        Assert.Equal(JsonValueKind.Null, child.GetProperty("revocationBaseUrl").ValueKind);
        Assert.DoesNotContain("pki.contoso.example", child.GetProperty("revocationUrls").Str("ocsp"));
        Assert.EndsWith($"/pki/{child.Str("id")}/ocsp", child.GetProperty("revocationUrls").Str("ocsp"));
    }

    [Fact]
    public async Task A_revocation_base_url_that_is_not_an_absolute_http_url_or_has_a_query_or_fragment_is_refused_and_audited()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        foreach (var bad in new[] { "pki.contoso.example", "ftp://pki.contoso.example", "http://pki.contoso.example/?x=1", "http://pki.contoso.example/pki#top", "/pki" })
        {
            var response = await setup.Api.PostAsJsonAsync("/api/v1/cas", new
            {
                customerId = setup.CustomerId, name = "Refused", subject = "CN=Refused", keyType = "ec256", validityDays = 30, revocationBaseUrl = bad,
            });
            Assert.Contains("revocation base URL", (await ProblemAssert.IsInvalidFieldAsync(response, "revocationBaseUrl"))[0]);
        }
        Assert.Equal(5, (await setup.AuditAsync("ca.create")).Count(e => e.Str("outcome") == "failure" && e.Str("summary")!.Contains("revocation base URL")));
        Assert.Equal(0, (await (await setup.Api.GetAsync($"/api/v1/cas?customerId={setup.CustomerId}")).JsonAsync()).Items().Count(c => c.Str("customerId") == setup.CustomerId.ToString()));

        // Test labs use local addresses: the API takes them (the dialog asks first).
        var lab = await (await setup.Api.PostAsJsonAsync("/api/v1/cas", new
        {
            customerId = setup.CustomerId, name = "Lab", subject = "CN=Lab", keyType = "ec256", validityDays = 30, revocationBaseUrl = "http://127.0.0.1:8080/ca",
        })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"http://127.0.0.1:8080/ca/pki/{lab.Str("id")}/crl", lab.GetProperty("revocationUrls").Str("crl"));
    }

    [Fact]
    public async Task An_imported_ca_takes_a_revocation_base_url_and_refuses_a_bad_one()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Inhouse Root", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(300));
        var pem = root.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem();

        var refused = await setup.Api.PostAsync("/api/v1/cas/import", Form(setup.CustomerId, pem, "https://pki.contoso.example/?v=2"));
        await ProblemAssert.IsInvalidFieldAsync(refused, "revocationBaseUrl");
        var imported = await (await setup.Api.PostAsync("/api/v1/cas/import", Form(setup.CustomerId, pem, "https://pki.contoso.example")))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("https://pki.contoso.example", imported.Str("revocationBaseUrl"));

        var issued = await setup.IssueAsync(Guid.Parse(imported.Str("id")!), "bob");
        using var leaf = X509Certificate2.CreateFromPem(await setup.DownloadTextAsync(Guid.Parse(issued.Str("id")!), "pem-cert"));
        AssertPointsTo(leaf, $"https://pki.contoso.example/pki/{imported.Str("id")}");
    }

    [Fact]
    public async Task A_changed_revocation_base_url_is_written_into_what_the_ca_issues_afterwards_while_earlier_certificates_keep_theirs()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var ca = await setup.CreateCaAsync("CN=Contoso Moving CA,O=Contoso");
        var id = ca.Str("id")!;
        var before = await setup.IssueAsync(Guid.Parse(id), "before");

        var changed = await (await setup.Api.PutAsJsonAsync($"/api/v1/cas/{id}", new { revocationBaseUrl = "https://pki.contoso.example/" })).JsonAsync();
        var folder = $"https://pki.contoso.example/pki/{id}";
        Assert.Equal("https://pki.contoso.example", changed.Str("revocationBaseUrl"));
        Assert.Equal($"{folder}/crl", changed.GetProperty("revocationUrls").Str("crl"));
        Assert.Equal("https://pki.contoso.example", (await (await setup.Api.GetAsync($"/api/v1/cas/{id}")).JsonAsync()).Str("revocationBaseUrl"));

        var after = await setup.IssueAsync(Guid.Parse(id), "after");
        using (var leaf = X509Certificate2.CreateFromPem(await setup.DownloadTextAsync(Guid.Parse(after.Str("id")!), "pem-cert")))
            AssertPointsTo(leaf, folder);
        using (var earlier = X509Certificate2.CreateFromPem(await setup.DownloadTextAsync(Guid.Parse(before.Str("id")!), "pem-cert")))
            AssertPointsTo(earlier, ca.GetProperty("revocationUrls").Str("crl")![..^"/crl".Length]);
        var audited = Assert.Single(await setup.AuditAsync("ca.update"), e => e.Str("entityId") == id);
        Assert.Equal("success", audited.Str("outcome"));
        Assert.Contains("to under https://pki.contoso.example", audited.Str("summary"));

        // Empty: back to the portal's own address.
        var reset = await (await setup.Api.PutAsJsonAsync($"/api/v1/cas/{id}", new { revocationBaseUrl = "" })).JsonAsync();
        Assert.Equal(JsonValueKind.Null, reset.GetProperty("revocationBaseUrl").ValueKind);
        Assert.Equal(ca.GetProperty("revocationUrls").Str("crl"), reset.GetProperty("revocationUrls").Str("crl"));
    }

    [Fact]
    public async Task Changing_a_revocation_base_url_refuses_a_bad_url_a_reader_and_a_scoped_caller_on_a_shared_ca_and_audits_the_refusals()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var id = (await setup.CreateCaAsync("CN=Contoso Kept CA,O=Contoso")).Str("id");
        foreach (var bad in new[] { "pki.contoso.example", "ftp://pki.contoso.example", "http://pki.contoso.example/?x=1", "http://pki.contoso.example/#top" })
        {
            var response = await setup.Api.PutAsJsonAsync($"/api/v1/cas/{id}", new { revocationBaseUrl = bad });
            Assert.Contains("revocation base URL", (await ProblemAssert.IsInvalidFieldAsync(response, "revocationBaseUrl"))[0]);
        }
        Assert.Equal(4, (await setup.AuditAsync("ca.update")).Count(e => e.Str("entityId") == id && e.Str("outcome") == "failure"));
        Assert.Equal(JsonValueKind.Null, (await (await setup.Api.GetAsync($"/api/v1/cas/{id}")).JsonAsync()).GetProperty("revocationBaseUrl").ValueKind);

        var reader = portal.ApiClient(await portal.CreateTokenAsync("readonly"));
        await ProblemAssert.IsProblemAsync(await reader.PutAsJsonAsync($"/api/v1/cas/{id}", new { revocationBaseUrl = "http://pki.contoso.example" }), HttpStatusCode.Forbidden);
        var shared = (await setup.CreateCaAsync("CN=MSP Shared CA", shared: true)).Str("id");
        var scoped = portal.ApiClient(await portal.CreateTokenAsync("technician", setup.CustomerId));
        await ProblemAssert.IsProblemAsync(await scoped.PutAsJsonAsync($"/api/v1/cas/{shared}", new { revocationBaseUrl = "http://pki.contoso.example" }),
            HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await setup.Api.PutAsJsonAsync($"/api/v1/cas/{Guid.NewGuid()}", new { revocationBaseUrl = "http://pki.contoso.example" }),
            HttpStatusCode.NotFound);
        var refusals = (await (await portal.ApiClient(await portal.CreateTokenAsync("admin")).GetAsync($"/api/v1/audit?entityId={shared}&action=ca.update")).JsonAsync()).Items();
        Assert.Contains(refusals, e => e.Str("outcome") == "failure" && e.Str("summary")!.Contains("shared CA"));
        Assert.Equal(JsonValueKind.Null, (await (await setup.Api.GetAsync($"/api/v1/cas/{shared}")).JsonAsync()).GetProperty("revocationBaseUrl").ValueKind);
    }

    private static MultipartFormDataContent Form(Guid customerId, string pem, string revocationBaseUrl) => new()
    {
        { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(pem)), "file", "root.pem" }, { new StringContent(PortalSeed.UniqueName("Inhouse")), "name" },
        { new StringContent(customerId.ToString()), "customerId" }, { new StringContent(revocationBaseUrl), "revocationBaseUrl" },
    };

    private static void AssertPointsTo(X509Certificate2 certificate, string caFolder)
    {
        var aia = certificate.Extensions.OfType<X509AuthorityInformationAccessExtension>().Single();
        Assert.Equal([$"{caFolder}/ocsp"], aia.EnumerateOcspUris().ToArray());
        Assert.Equal([$"{caFolder}/ca.crt"], aia.EnumerateCAIssuersUris().ToArray());
        Assert.Equal([$"{caFolder}/crl"], CrlDistributionPoints(certificate));
    }

    // RFC 5280 §4.2.1.13: SEQUENCE OF DistributionPoint { [0] DistributionPointName { [0] fullName GeneralNames } }, URIs as [6] IA5String.
    private static string[] CrlDistributionPoints(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions["2.5.29.31"] ?? throw new Xunit.Sdk.XunitException("No CRL distribution point.");
        var uris = new List<string>();
        var points = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        while (points.HasData)
        {
            var point = points.ReadSequence();
            var name = point.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
            var fullName = name.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
            while (fullName.HasData)
                uris.Add(fullName.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 6)));
        }
        return uris.ToArray();
    }
}
