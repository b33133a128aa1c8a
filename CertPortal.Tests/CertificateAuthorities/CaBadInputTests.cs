using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.CertificateAuthorities;

/// <summary>Input a script can get wrong when creating or importing a CA answers a 400 naming the field, never a 500.</summary>
public sealed class CaBadInputTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_null_among_the_name_constraints_is_refused_by_name()
    {
        var api = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        await ProblemAssert.IsInvalidFieldAsync(await api.PostAsJsonAsync("/api/v1/cas", new
        {
            name = "Constrained", subject = "CN=Constrained", keyType = "ec256", validityDays = 30, excludedDnsNames = new string?[] { null },
        }), "excludedDnsNames");
        await ProblemAssert.IsInvalidFieldAsync(await api.PostAsJsonAsync("/api/v1/cas", new
        {
            name = "Constrained", subject = "CN=Constrained", keyType = "ec256", validityDays = 30, permittedDnsNames = new[] { "example.test", null },
        }), "permittedDnsNames");
    }

    [Fact]
    public async Task A_ca_certificate_without_a_subject_key_identifier_is_refused_on_import_with_a_400_not_a_500()
    {
        var api = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Root Without Key Id", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var form = new MultipartFormDataContent
        {
            { new StringContent(root.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem()), "file", "root.pem" }, { new StringContent("No key id"), "name" },
        };
        Assert.Contains("subject key identifier", (await ProblemAssert.IsInvalidFieldAsync(await api.PostAsync("/api/v1/cas/import", form), "file"))[0]);
    }

    [Fact]
    public async Task A_pfx_password_with_a_nul_or_over_128_characters_is_refused_on_ca_import()
    {
        var api = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Imported Root", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pfx = root.Export(X509ContentType.Pfx, "right");
        foreach (var password in new[] { "ri\0ght", new string('x', 129) })
        {
            var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(pfx), "file", "root.pfx" }, { new StringContent("Imported"), "name" }, { new StringContent(password), "password" },
            };
            await ProblemAssert.IsInvalidFieldAsync(await api.PostAsync("/api/v1/cas/import", form), "password");
        }
    }
}
