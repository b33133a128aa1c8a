using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace CertPortal.Tests.AcmeServer;

/// <summary>Accounts whose key is Ed25519 (JWS alg EdDSA, RFC 8037) on the portal's ACME server.</summary>
[Collection(AcmeServerCollection.Name)]
public sealed class EdDsaAccountTests(AcmeServerFixture acme)
{
    [Fact]
    public async Task An_Ed25519_account_registers_with_eab_and_obtains_a_certificate_over_dns01()
    {
        using var client = new AcmeTestClient(acme, new Ed25519AccountKey());
        await client.RegisterAsync();
        var domain = $"ed-{Guid.NewGuid():N}"[..11] + ".example.test";

        // The dns-01 key authorization ends with the account key's RFC 8037 thumbprint: valid only if both sides agree on it.
        var (order, certificate) = await client.ObtainAsync(domain, null);

        using (certificate)
        {
            Assert.Equal("valid", order.GetProperty("status").GetString());
            Assert.Contains(domain, certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        }
    }

    [Fact]
    public async Task A_request_signed_by_another_Ed25519_key_under_the_account_kid_is_refused_and_the_account_still_answers()
    {
        using var client = new AcmeTestClient(acme, new Ed25519AccountKey());
        await client.RegisterAsync();
        using var stranger = new Ed25519AccountKey();

        var forged = await client.PostAsync(client.Kid!, null, key: stranger);

        var body = await forged.Content.ReadAsStringAsync();
        Assert.True(forged.StatusCode == HttpStatusCode.BadRequest, $"{(int)forged.StatusCode}: {body}");
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal("urn:ietf:params:acme:error:malformed", problem.GetProperty("type").GetString());
        Assert.Contains("does not verify", problem.GetProperty("detail").GetString());
        (await client.PostAsync(client.Kid!, null)).EnsureSuccessStatusCode();
    }
}
