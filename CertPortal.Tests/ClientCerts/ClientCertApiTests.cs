using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Pki;

namespace CertPortal.Tests.ClientCerts;

/// <summary>/api/v1/client-certs through the real portal and SQLite, judged by openssl.</summary>
public sealed class ClientCertApiTests(PortalFactory portal) : IClassFixture<PortalFactory>, IDisposable
{
    private readonly TempFolder _folder = new("client-certs");

    [Fact]
    public async Task A_certificate_with_a_portal_key_under_an_intermediate_verifies_with_openssl_against_the_root()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var root = await setup.CreateCaAsync("CN=Contoso Root,O=Contoso");
        var intermediate = await setup.CreateCaAsync("CN=Contoso Users,O=Contoso", Guid.Parse(root.Str("id")!));

        var response = await setup.Api.PostAsJsonAsync("/api/v1/client-certs", new
        {
            caId = intermediate.Str("id"), commonName = "Alice Example", email = "alice@contoso.test", organization = "Contoso", usage = "client",
            subjectAlternativeNames = new[] { "uri:urn:contoso:alice" }, keyType = "rsa2048", validityDays = 200,
        });
        var issued = await response.JsonAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/v1/client-certs/{issued.Str("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal("valid", issued.Str("status"));
        Assert.Matches("^[0-9a-f]+$", issued.Str("serialNumber")!);
        Assert.Equal(setup.CustomerId.ToString(), issued.Str("customerId"));
        var id = Guid.Parse(issued.Str("id")!);
        Write("root.pem", root.Str("certificatePem")!);
        Write("chain.pem", await setup.DownloadTextAsync(id, "pem-chain"));
        Write("leaf.pem", await setup.DownloadTextAsync(id, "pem-cert"));
        Write("leaf.key", await setup.DownloadTextAsync(id, "pem-key"));
        Assert.Contains("leaf.pem: OK", OpenSsl.Ok(_folder.Path, "verify", "-CAfile", "root.pem", "-untrusted", "chain.pem", "-purpose", "sslclient", "leaf.pem"));
        var text = OpenSsl.Ok(_folder.Path, "x509", "-in", "leaf.pem", "-noout", "-text", "-serial");
        Assert.Contains("TLS Web Client Authentication", text);
        Assert.DoesNotContain("TLS Web Server Authentication", text);
        Assert.Contains("email:alice@contoso.test", text);
        Assert.Contains("URI:urn:contoso:alice", text);
        Assert.Contains($"/pki/{intermediate.Str("id")}/ocsp", text);
        Assert.Equal(issued.Str("serialNumber")!.TrimStart('0'), text.Split("serial=")[1].Split('\n')[0].Trim().ToLowerInvariant().TrimStart('0'));
        Assert.Equal(
            OpenSsl.Ok(_folder.Path, "x509", "-in", "leaf.pem", "-noout", "-pubkey"),
            OpenSsl.Ok(_folder.Path, "pkey", "-in", "leaf.key", "-pubout"));
        Assert.Contains($"from CA '{intermediate.Str("name")}'", (await setup.AuditAsync("client-cert.issue")).Single(e => e.Str("entityId") == id.ToString()).Str("summary"));
    }

    [Fact]
    public async Task A_csr_from_openssl_req_is_signed_with_the_extensions_the_portal_decides_and_has_no_key_to_download()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var ca = await setup.CreateCaAsync("CN=Contoso Devices,O=Contoso");
        var csr = Csr("rsa:2048", "-addext", "keyUsage=critical,keyCertSign", "-addext", "extendedKeyUsage=codeSigning",
            "-addext", "subjectAltName=DNS:device-7.contoso.test");

        var issued = await (await setup.Api.PostAsJsonAsync("/api/v1/client-certs", new { caId = ca.Str("id"), usage = "client-server", csrPem = csr, validityDays = 30 }))
            .JsonAsync(HttpStatusCode.Created);

        var id = Guid.Parse(issued.Str("id")!);
        Assert.Equal("device-7", issued.Str("commonName"));
        Assert.Equal("rsa2048", issued.Str("keyType"));
        Assert.Equal("False", issued.Str("hasPrivateKey"));
        Write("ca.pem", ca.Str("certificatePem")!);
        Write("leaf.pem", await setup.DownloadTextAsync(id, "pem-cert"));
        Assert.Contains("leaf.pem: OK", OpenSsl.Ok(_folder.Path, "verify", "-CAfile", "ca.pem", "leaf.pem"));
        var text = OpenSsl.Ok(_folder.Path, "x509", "-in", "leaf.pem", "-noout", "-text");
        Assert.Contains("TLS Web Server Authentication, TLS Web Client Authentication", text);
        Assert.DoesNotContain("Code Signing", text);
        Assert.DoesNotContain("Certificate Sign", text);
        Assert.Contains("DNS:device-7.contoso.test", text);
        Assert.Equal(
            OpenSsl.Ok(_folder.Path, "x509", "-in", "leaf.pem", "-noout", "-pubkey"),
            OpenSsl.Ok(_folder.Path, "pkey", "-in", "key.pem", "-pubout"));

        var key = await ProblemAssert.IsProblemAsync(await setup.Api.GetAsync($"/api/v1/client-certs/{id}/download?format=pem-key"), HttpStatusCode.Conflict);
        Assert.Contains("CSR", key.Str("detail"));
        await ProblemAssert.IsProblemAsync(await setup.Api.GetAsync($"/api/v1/client-certs/{id}/download?format=pfx&password=secret-1"), HttpStatusCode.Conflict);
        var renew = await ProblemAssert.IsProblemAsync(await setup.Api.PostAsync($"/api/v1/client-certs/{id}/renew", null), HttpStatusCode.Conflict);
        Assert.Contains("send a new CSR", renew.Str("detail"));
    }

    [Theory]
    [InlineData("malformed", "not a PKCS#10")]
    [InlineData("broken-signature", "signature does not verify")]
    [InlineData("rsa1024", "too weak")]
    [InlineData("ca-true", "CA:true")]
    public async Task A_bad_csr_is_refused_by_field_stores_nothing_and_is_audited(string kind, string expected)
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var ca = await setup.CreateCaAsync("CN=Contoso Devices,O=Contoso");
        var csr = kind switch
        {
            "malformed" => "-----BEGIN CERTIFICATE REQUEST-----\nTm90IGEgcmVxdWVzdA==\n-----END CERTIFICATE REQUEST-----\n",
            "broken-signature" => FlipSignatureByte(Csr("ec:" + CurveFile())),
            "rsa1024" => Csr("rsa:1024"),
            _ => Csr("ec:" + CurveFile(), "-addext", "basicConstraints=critical,CA:TRUE"),
        };

        var response = await setup.Api.PostAsJsonAsync("/api/v1/client-certs", new { caId = ca.Str("id"), commonName = "device-9", csrPem = csr });

        Assert.Contains(expected, string.Join(" ", await ProblemAssert.IsInvalidFieldAsync(response, "csrPem")));
        Assert.Equal(0, await setup.CountAsync());
        Assert.Contains(await setup.AuditAsync("client-cert.issue"), e => e.Str("outcome") == "failure" && e.Str("summary")!.Contains(expected));
    }

    [Fact]
    public async Task Names_outside_the_cas_constraints_an_unknown_ca_and_bad_fields_are_refused_plainly()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var ca = await setup.CreateCaAsync("CN=Contoso Servers,O=Contoso", permittedDnsNames: ["corp.contoso.test"]);

        var outside = await setup.Api.PostAsJsonAsync("/api/v1/client-certs", new
        {
            caId = ca.Str("id"), commonName = "intranet", usage = "server", subjectAlternativeNames = new[] { "intranet.corp.contoso.test", "www.fabrikam.test" },
        });
        Assert.Contains("www.fabrikam.test lies outside", string.Join(" ", await ProblemAssert.IsInvalidFieldAsync(outside, "subjectAlternativeNames")));

        var unknownCa = await setup.Api.PostAsJsonAsync("/api/v1/client-certs", new { caId = Guid.NewGuid(), commonName = "alice" });
        Assert.Contains("no such CA", string.Join(" ", await ProblemAssert.IsInvalidFieldAsync(unknownCa, "caId")));

        var bad = await setup.Api.PostAsJsonAsync("/api/v1/client-certs", new
        {
            caId = ca.Str("id"), commonName = "", usage = "vpn", keyType = "rsa1024", validityDays = 5000, subjectAlternativeNames = new[] { "bad_name!" },
        });
        var problem = await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "commonName", "usage", "keyType", "validityDays", "subjectAlternativeNames" })
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors.{field} missing in {problem}");

        var inside = await setup.IssueAsync(Guid.Parse(ca.Str("id")!), "intranet", "server", ["intranet.corp.contoso.test", "ip:10.0.0.5"]);
        Assert.Equal(["dns:intranet.corp.contoso.test", "ip:10.0.0.5"], inside.GetProperty("subjectAlternativeNames").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(1, await setup.CountAsync());
        Assert.Equal(3, (await setup.AuditAsync("client-cert.issue")).Count(e => e.Str("outcome") == "failure" && e.Str("summary")!.StartsWith("Refused")));
    }

    [Fact]
    public async Task Revoking_takes_a_reason_name_and_revoking_twice_is_a_conflict_not_a_second_entry()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var ca = await setup.CreateCaAsync("CN=Contoso VPN,O=Contoso");
        var issued = await setup.IssueAsync(Guid.Parse(ca.Str("id")!), "bob", email: "bob@contoso.test");
        var path = $"/api/v1/client-certs/{issued.Str("id")}/revoke";

        var unknown = await setup.Api.PostAsJsonAsync(path, new { reason = "lostLaptop" });
        Assert.Contains("keyCompromise", string.Join(" ", await ProblemAssert.IsInvalidFieldAsync(unknown, "reason")));
        var revoked = await (await setup.Api.PostAsJsonAsync(path, new { reason = "keycompromise" })).JsonAsync();
        Assert.Equal("revoked", revoked.Str("status"));
        Assert.Equal("keyCompromise", revoked.Str("revocationReason"));
        var twice = await ProblemAssert.IsProblemAsync(await setup.Api.PostAsJsonAsync(path, new { reason = "superseded" }), HttpStatusCode.Conflict);
        Assert.Contains("already revoked", twice.Str("detail"));

        var again = await (await setup.Api.GetAsync($"/api/v1/client-certs/{issued.Str("id")}")).JsonAsync();
        Assert.Equal("keyCompromise", again.Str("revocationReason"));
        var entries = (await setup.AuditAsync("client-cert.revoke")).Where(e => e.Str("entityId") == issued.Str("id")).ToList();
        Assert.Single(entries, e => e.Str("outcome") == "success");
        Assert.Equal(2, entries.Count(e => e.Str("outcome") == "failure"));
        await ProblemAssert.IsProblemAsync(await setup.Api.PostAsJsonAsync($"/api/v1/client-certs/{Guid.NewGuid()}/revoke", new { reason = "superseded" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await setup.Api.PostAsync($"/api/v1/client-certs/{issued.Str("id")}/renew", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Renewal_issues_a_new_key_for_the_same_subject_linked_to_the_old_certificate()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var ca = await setup.CreateCaAsync("CN=Contoso VPN,O=Contoso");
        var old = await setup.IssueAsync(Guid.Parse(ca.Str("id")!), "carol", email: "carol@contoso.test", keyType: "ec384");

        var renewed = await (await setup.Api.PostAsync($"/api/v1/client-certs/{old.Str("id")}/renew", null)).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(old.Str("id"), renewed.Str("renewedFromId"));
        Assert.Equal(old.Str("subject"), renewed.Str("subject"));
        Assert.Equal(old.GetProperty("subjectAlternativeNames").ToString(), renewed.GetProperty("subjectAlternativeNames").ToString());
        Assert.Equal("ec384", renewed.Str("keyType"));
        Assert.NotEqual(old.Str("serialNumber"), renewed.Str("serialNumber"));
        Assert.NotEqual(await setup.DownloadTextAsync(Guid.Parse(old.Str("id")!), "pem-key"), await setup.DownloadTextAsync(Guid.Parse(renewed.Str("id")!), "pem-key"));
        Assert.Equal(2, await setup.CountAsync());
    }

    [Fact]
    public async Task Readonly_sees_client_certificates_but_may_neither_issue_nor_download_keys()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var ca = await setup.CreateCaAsync("CN=Contoso VPN,O=Contoso");
        var issued = await setup.IssueAsync(Guid.Parse(ca.Str("id")!), "dave");
        var readOnly = portal.ApiClient(await portal.CreateTokenAsync("readonly"));

        Assert.Contains((await (await readOnly.GetAsync($"/api/v1/client-certs?customerId={setup.CustomerId}")).JsonAsync()).Items(), c => c.Str("commonName") == "dave");
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsJsonAsync("/api/v1/client-certs", new { caId = ca.Str("id"), commonName = "eve" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.GetAsync($"/api/v1/client-certs/{issued.Str("id")}/download?format=pem-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsJsonAsync($"/api/v1/client-certs/{issued.Str("id")}/revoke", new { reason = "superseded" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync($"/api/v1/client-certs/{issued.Str("id")}/download?format=pem-cert")).StatusCode);
        var zip = await readOnly.GetByteArrayAsync($"/api/v1/client-certs/{issued.Str("id")}/download?format=zip");
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        Assert.DoesNotContain(archive.Entries, e => e.Name.EndsWith(".key", StringComparison.Ordinal));
        var other = portal.ApiClient(await portal.CreateTokenAsync("technician", (await portal.SeedCustomerAsync()).Id));
        await ProblemAssert.IsProblemAsync(await other.GetAsync($"/api/v1/client-certs/{issued.Str("id")}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_shared_ca_needs_the_customer_the_certificate_is_for()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var shared = await setup.CreateCaAsync("CN=MSP Shared,O=MSP", shared: true);

        var without = await setup.Api.PostAsJsonAsync("/api/v1/client-certs", new { caId = shared.Str("id"), commonName = "frank" });
        Assert.Contains("shared", string.Join(" ", await ProblemAssert.IsInvalidFieldAsync(without, "customerId")));

        var with = await (await setup.Api.PostAsJsonAsync("/api/v1/client-certs", new { caId = shared.Str("id"), commonName = "frank", customerId = setup.CustomerId }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(setup.CustomerId.ToString(), with.Str("customerId"));
    }

    private string Csr(string newKey, params string[] extra)
    {
        OpenSsl.Ok(_folder.Path, ["req", "-new", "-newkey", newKey, "-nodes", "-keyout", "key.pem", "-out", "req.pem", "-subj", "/O=Contoso/CN=device-7", .. extra]);
        return File.ReadAllText(Path.Combine(_folder.Path, "req.pem"));
    }

    private string CurveFile()
    {
        OpenSsl.Ok(_folder.Path, "ecparam", "-name", "prime256v1", "-out", "p256.pem");
        return Path.Combine(_folder.Path, "p256.pem");
    }

    private static string FlipSignatureByte(string pem)
    {
        var der = System.Security.Cryptography.PemEncoding.Find(pem) is var fields ? Convert.FromBase64String(pem[fields.Base64Data]) : [];
        der[^10] ^= 0x01; // inside the signature BIT STRING, the last element of the request
        return System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE REQUEST", der);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder.Path, name), text);

    public void Dispose() => _folder.Dispose();
}
