using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Certificates;

/// <summary>Import of PEM bundles and PFX files, and the downloads of what was imported, per role.</summary>
public sealed class CertificateImportTests : IDisposable
{
    private readonly PortalFactory _portal = new();
    private readonly TestChain _chain = new();

    [Fact]
    public async Task A_pem_bundle_in_any_order_is_imported_with_its_chain_ordered_leaf_first()
    {
        var (api, customer) = await ArrangeAsync("technician");
        // Key first, intermediate before the leaf: the portal finds the leaf by its key and orders the chain.
        var bundle = _chain.KeyPem + _chain.IntermediatePem + _chain.LeafPem;
        var response = await api.PostAsync("/api/v1/certificates/import", Form(Encoding.ASCII.GetBytes(bundle), "bundle.pem", customer));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var certificate = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("imported.example.test", certificate.GetProperty("commonName").GetString());
        Assert.Equal(["www.imported.example.test"], certificate.GetProperty("subjectAlternativeNames").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("valid", certificate.GetProperty("status").GetString());
        Assert.Equal("Test Import Intermediate", certificate.GetProperty("issuer").GetString());
        Assert.False(certificate.GetProperty("autoRenew").GetBoolean());
        var id = certificate.GetProperty("id").GetString();

        var fullchain = await api.GetStringAsync($"/api/v1/certificates/{id}/download?format=pem-fullchain");
        Assert.Equal(_chain.LeafPem + _chain.IntermediatePem, fullchain);
    }

    [Fact]
    public async Task A_pfx_is_imported_and_comes_back_as_a_pfx_openssl_opens_with_the_new_password()
    {
        var (api, customer) = await ArrangeAsync("admin");
        var response = await api.PostAsync("/api/v1/certificates/import", Form(_chain.Pfx("import-pass"), "cert.pfx", customer, "import-pass"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var folder = new TempFolder("pfx");
        var pfx = Path.Combine(folder.Path, "out.pfx");
        await File.WriteAllBytesAsync(pfx, await api.GetByteArrayAsync($"/api/v1/certificates/{id}/download?format=pfx&password=s3cret-Pass"));
        var openssl = Process.Start(new ProcessStartInfo("openssl", ["pkcs12", "-in", pfx, "-passin", "pass:s3cret-Pass", "-nodes", "-info"])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await openssl.StandardOutput.ReadToEndAsync() + await openssl.StandardError.ReadToEndAsync();
        await openssl.WaitForExitAsync();
        Assert.True(openssl.ExitCode == 0, output);
        Assert.Contains("AES-256-CBC", output);
        Assert.Contains("subject=CN = imported.example.test", output);
        Assert.Contains("subject=CN = Test Import Intermediate", output);
        Assert.Contains("BEGIN PRIVATE KEY", output);

        var missingPassword = await api.GetAsync($"/api/v1/certificates/{id}/download?format=pfx");
        await ProblemAssert.IsInvalidFieldAsync(missingPassword, "password");
        await ProblemAssert.IsInvalidFieldAsync(await api.GetAsync($"/api/v1/certificates/{id}/download?format=der"), "format");
    }

    [Fact]
    public async Task A_wrong_pfx_password_a_key_that_does_not_match_and_a_stray_certificate_are_refused_and_audited()
    {
        var (api, customer) = await ArrangeAsync("technician");
        var wrongPassword = await api.PostAsync("/api/v1/certificates/import", Form(_chain.Pfx("right"), "cert.pfx", customer, "wrong"));
        Assert.Contains("password is wrong", (await ProblemAssert.IsInvalidFieldAsync(wrongPassword, "file"))[0]);

        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var mismatch = await api.PostAsync("/api/v1/certificates/import", Form(Encoding.ASCII.GetBytes(_chain.LeafPem + otherKey.ExportPkcs8PrivateKeyPem()), "b.pem", customer));
        Assert.Contains("does not match", (await ProblemAssert.IsInvalidFieldAsync(mismatch, "file"))[0]);

        using var unrelated = new TestChain("other.example.test");
        var stray = await api.PostAsync("/api/v1/certificates/import", Form(Encoding.ASCII.GetBytes(_chain.LeafPem + _chain.KeyPem + unrelated.IntermediatePem), "c.pem", customer));
        Assert.Contains("not part of the chain", (await ProblemAssert.IsInvalidFieldAsync(stray, "file"))[0]);

        var noCustomer = await api.PostAsync("/api/v1/certificates/import", Form(Encoding.ASCII.GetBytes(_chain.LeafPem + _chain.KeyPem), "d.pem", Guid.NewGuid()));
        await ProblemAssert.IsInvalidFieldAsync(noCustomer, "customerId");

        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/certificates");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        var audit = await api.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=certificate.import");
        Assert.Equal(4, audit.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("outcome").GetString() == "failure"));
        Assert.DoesNotContain("right", audit.ToString().Replace("wrong", ""));
    }

    [Fact]
    public async Task Readonly_gets_public_parts_only_and_every_key_download_is_audited()
    {
        var (api, customer) = await ArrangeAsync("technician");
        var id = (await (await api.PostAsync("/api/v1/certificates/import", Form(Encoding.ASCII.GetBytes(_chain.LeafPem + _chain.KeyPem + _chain.IntermediatePem), "e.pem", customer)))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var readonlyApi = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));

        await ProblemAssert.IsProblemAsync(await readonlyApi.GetAsync($"/api/v1/certificates/{id}/download?format=pem-key"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await readonlyApi.GetAsync($"/api/v1/certificates/{id}/download?format=pfx&password=x"), HttpStatusCode.Forbidden);
        Assert.Equal(_chain.LeafPem, await readonlyApi.GetStringAsync($"/api/v1/certificates/{id}/download?format=pem-cert"));
        Assert.DoesNotContain(Entries(await readonlyApi.GetByteArrayAsync($"/api/v1/certificates/{id}/download?format=zip")), e => e.EndsWith(".key"));
        Assert.Contains("imported.example.test.key", Entries(await api.GetByteArrayAsync($"/api/v1/certificates/{id}/download?format=zip")));
        Assert.Equal(_chain.KeyPem.Trim(), (await api.GetStringAsync($"/api/v1/certificates/{id}/download?format=pem-key")).Trim());

        var audit = await api.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=certificate.download-key");
        Assert.Equal(2, audit.GetProperty("total").GetInt32());
        Assert.DoesNotContain("PRIVATE KEY", audit.ToString());
    }

    private static IReadOnlyList<string> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        return archive.Entries.Select(e => e.FullName).ToList();
    }

    private async Task<(HttpClient Api, Guid Customer)> ArrangeAsync(string role)
    {
        var customer = await _portal.SeedCustomerAsync();
        return (_portal.ApiClient(await _portal.CreateTokenAsync(role)), customer.Id);
    }

    private static MultipartFormDataContent Form(byte[] file, string fileName, Guid customerId, string? password = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", fileName }, { new StringContent(customerId.ToString()), "customerId" } };
        if (password is not null)
            form.Add(new StringContent(password), "password");
        return form;
    }

    public void Dispose()
    {
        _portal.Dispose();
        _chain.Dispose();
    }
}
