using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Pki;

namespace CertPortal.Tests.CertificateAuthorities;

/// <summary>/api/v1/cas and the anonymous /pki services of a CA, judged by openssl over real HTTP.</summary>
public sealed class CaApiTests : IAsyncLifetime
{
    private readonly BrowserPortal _portal = new();
    private readonly TempFolder _folder = new("ca-api");

    [Fact]
    public async Task A_root_and_an_intermediate_are_created_and_openssl_accepts_the_chain_the_crl_and_the_ocsp_answer()
    {
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        var root = await CreateAsync(api, new { name = "MSP Root", subject = "CN=MSP Root CA,O=Example MSP,C=DE", keyType = "ec384", validityDays = 3650 });
        var intermediate = await CreateAsync(api, new { name = "MSP Issuing", subject = "CN=MSP Issuing CA 1,O=Example MSP", keyType = "ec256", validityDays = 1825, parentCaId = root.Str("id") });
        Assert.Equal(root.Str("id"), intermediate.Str("parentCaId"));
        Assert.Equal($"{_portal.BaseUrl}/pki/{root.Str("id")}/ocsp", root.Str("ocspUrl"));

        var anonymous = new HttpClient { BaseAddress = new Uri(_portal.BaseUrl) };
        await File.WriteAllBytesAsync(Path("root.der"), await anonymous.GetByteArrayAsync($"/pki/{root.Str("id")}/ca.crt"));
        OpenSsl.Ok(_folder.Path, "x509", "-inform", "DER", "-in", "root.der", "-out", "root.pem");
        await File.WriteAllTextAsync(Path("intermediate.pem"), intermediate.Str("certificatePem"));
        var text = OpenSsl.Ok(_folder.Path, "x509", "-in", "intermediate.pem", "-noout", "-text");
        Assert.Contains($"CA Issuers - URI:{_portal.BaseUrl}/pki/{root.Str("id")}/ca.crt", text);
        Assert.Contains($"URI:{_portal.BaseUrl}/pki/{root.Str("id")}/crl", text);
        OpenSsl.Ok(_folder.Path, "verify", "-CAfile", "root.pem", "intermediate.pem");

        await File.WriteAllBytesAsync(Path("root.crl"), await anonymous.GetByteArrayAsync($"/pki/{root.Str("id")}/crl"));
        var crl = OpenSsl.Ok(_folder.Path, "crl", "-inform", "DER", "-in", "root.crl", "-CAfile", "root.pem", "-noout", "-text");
        Assert.Contains("verify OK", crl);
        Assert.Contains("X509v3 CRL Number", crl);
        Assert.Contains("-----BEGIN X509 CRL-----", await anonymous.GetStringAsync($"/pki/{root.Str("id")}/crl?format=pem"));

        var ocsp = OpenSsl.Ok(_folder.Path, "ocsp", "-issuer", "root.pem", "-cert", "intermediate.pem", "-CAfile", "root.pem",
            "-url", $"{_portal.BaseUrl}/pki/{root.Str("id")}/ocsp");
        Assert.Contains("intermediate.pem: good", ocsp);
        Assert.Contains("Response verify OK", ocsp);

        var garbage = await anonymous.PostAsync($"/pki/{root.Str("id")}/ocsp", new ByteArrayContent([1, 2, 3]));
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        Assert.Equal("application/ocsp-response", garbage.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/pki/{Guid.NewGuid()}/crl")).StatusCode);
    }

    [Fact]
    public async Task Bad_subjects_key_types_validities_and_parents_are_refused_with_the_field_named_and_nothing_is_stored()
    {
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));
        await ProblemAssert.IsInvalidFieldAsync(await api.PostAsJsonAsync("/api/v1/cas", new { name = "A", subject = "CN=x,Q=1", keyType = "ec256", validityDays = 10 }), "subject");
        await ProblemAssert.IsInvalidFieldAsync(await api.PostAsJsonAsync("/api/v1/cas", new { name = "A", subject = "CN=x", keyType = "rsa1024", validityDays = 10 }), "keyType");
        await ProblemAssert.IsInvalidFieldAsync(await api.PostAsJsonAsync("/api/v1/cas", new { name = "A", subject = "CN=x", keyType = "ec256", validityDays = 0 }), "validityDays");
        await ProblemAssert.IsInvalidFieldAsync(await api.PostAsJsonAsync("/api/v1/cas", new { name = "A", subject = "CN=x", keyType = "ec256", validityDays = 10, parentCaId = Guid.NewGuid() }), "parentCaId");
        var leafOnly = await CreateAsync(api, new { name = "No children", subject = "CN=Path zero", keyType = "ec256", validityDays = 30, pathLength = 0 });
        var refused = await api.PostAsJsonAsync("/api/v1/cas", new { name = "Child", subject = "CN=Child", keyType = "ec256", validityDays = 10, parentCaId = leafOnly.Str("id") });
        Assert.Contains("path length 0", (await ProblemAssert.IsInvalidFieldAsync(refused, "parentCaId"))[0]);

        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/cas");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var readonlyApi = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));
        Assert.Equal(HttpStatusCode.OK, (await readonlyApi.GetAsync($"/api/v1/cas/{leafOnly.Str("id")}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await readonlyApi.PostAsJsonAsync("/api/v1/cas", new { name = "R", subject = "CN=R", keyType = "ec256", validityDays = 10 }), HttpStatusCode.Forbidden);
        Assert.DoesNotContain("PRIVATE KEY", await readonlyApi.GetStringAsync($"/api/v1/cas/{leafOnly.Str("id")}"));
    }

    private static async Task<JsonElement> CreateAsync(HttpClient api, object body)
    {
        var response = await api.PostAsJsonAsync("/api/v1/cas", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private string Path(string name) => System.IO.Path.Combine(_folder.Path, name);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        _folder.Dispose();
    }
}
