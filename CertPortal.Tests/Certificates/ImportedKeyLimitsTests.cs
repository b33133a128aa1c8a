using System.Net;
using System.Security.Cryptography;
using System.Text;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Certificates;

/// <summary>An import never lets the sender choose how much CPU it costs, and a PFX password is one PKCS#12 can hold.</summary>
public sealed class ImportedKeyLimitsTests : IDisposable
{
    private readonly PortalFactory _portal = new();
    private readonly TestChain _chain = new();

    [Fact]
    public async Task An_encrypted_key_stretched_beyond_600000_iterations_is_refused_before_it_is_opened()
    {
        var (api, customer) = await ArrangeAsync();
        var costly = _chain.LeafKey.ExportEncryptedPkcs8PrivateKeyPem("pw",
            new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 600_001));

        var response = await api.PostAsync("/api/v1/certificates/import", Form(Encoding.ASCII.GetBytes(_chain.LeafPem + costly + "\n"), customer, "pw"));

        Assert.Contains("600,000", (await ProblemAssert.IsInvalidFieldAsync(response, "file"))[0]);
        Assert.Equal(0, (await (await api.GetAsync($"/api/v1/certificates?customerId={customer}")).JsonAsync()).Total());
    }

    [Fact]
    public async Task An_encrypted_key_with_an_ordinary_count_is_opened_as_the_key_type_its_certificate_names()
    {
        var (api, customer) = await ArrangeAsync();
        var ordinary = _chain.LeafKey.ExportEncryptedPkcs8PrivateKeyPem("pw",
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 2048));
        var imported = await api.PostAsync("/api/v1/certificates/import", Form(Encoding.ASCII.GetBytes(_chain.LeafPem + ordinary + "\n"), customer, "pw"));
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);

        using var rsa = RSA.Create(2048);
        var wrongType = rsa.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 2048));
        var refused = await api.PostAsync("/api/v1/certificates/import", Form(Encoding.ASCII.GetBytes(_chain.LeafPem + wrongType + "\n"), customer, "pw"));
        Assert.Contains("not the EC key the certificate names", (await ProblemAssert.IsInvalidFieldAsync(refused, "file"))[0]);
    }

    [Theory]
    [InlineData("pass\0word")]
    [InlineData(null)]
    public async Task A_pfx_password_with_a_nul_or_over_128_characters_is_refused_on_import_and_download(string? password)
    {
        password ??= new string('p', 129);
        var (api, customer) = await ArrangeAsync();
        await ProblemAssert.IsInvalidFieldAsync(await api.PostAsync("/api/v1/certificates/import", Form(_chain.Pfx("right"), customer, password)), "password");

        var id = (await (await api.PostAsync("/api/v1/certificates/import", Form(_chain.Pfx("right"), customer, "right"))).JsonAsync(HttpStatusCode.Created)).Str("id");
        var download = await api.GetAsync($"/api/v1/certificates/{id}/download?format=pfx&password={Uri.EscapeDataString(password)}");
        await ProblemAssert.IsInvalidFieldAsync(download, "password");
    }

    private async Task<(HttpClient Api, Guid Customer)> ArrangeAsync() =>
        (_portal.ApiClient(await _portal.CreateTokenAsync("admin")), (await _portal.SeedCustomerAsync()).Id);

    private static MultipartFormDataContent Form(byte[] file, Guid customerId, string password) => new()
    {
        { new ByteArrayContent(file), "file", "bundle" }, { new StringContent(customerId.ToString()), "customerId" }, { new StringContent(password), "password" },
    };

    public void Dispose()
    {
        _portal.Dispose();
        _chain.Dispose();
    }
}
