using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPortal.Acme;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.AcmeServer;

/// <summary>What lego 4.9 and certbot 2.1 do not exercise: profiles, nonce and url checks, key rollover and ARI.</summary>
[Collection(AcmeServerCollection.Name)]
public sealed class AcmeServerProtocolTests(AcmeServerFixture acme)
{
    private static string NewDomain(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)] + ".example.test";

    [Fact]
    public async Task The_directory_requires_eab_and_offers_two_profiles_and_renewal_info()
    {
        using var client = new AcmeTestClient(acme);
        var directory = await client.DirectoryAsync();

        Assert.True(directory.GetProperty("meta").GetProperty("externalAccountRequired").GetBoolean());
        var profiles = directory.GetProperty("meta").GetProperty("profiles").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["default", "shortlived"], profiles);
        Assert.EndsWith("/renewal-info", directory.GetProperty("renewalInfo").GetString());
    }

    [Fact]
    public async Task A_new_account_without_eab_gets_externalAccountRequired_a_wrong_hmac_unauthorized_and_the_key_still_binds()
    {
        using var client = new AcmeTestClient(acme);
        var key = await acme.NewEabKeyAsync();

        var without = await client.NewAccountAsync(null);
        Assert.Equal("urn:ietf:params:acme:error:externalAccountRequired", (await ProblemOf(without, HttpStatusCode.BadRequest)).Str("type"));
        var wrong = await client.NewAccountAsync((key.KeyId, Base64Url.Encode(new byte[32])));
        Assert.Equal("urn:ietf:params:acme:error:unauthorized", (await ProblemOf(wrong, HttpStatusCode.Forbidden)).Str("type"));

        await client.RegisterAsync(key);
        using var second = new AcmeTestClient(acme);
        var reused = await second.NewAccountAsync(key);
        Assert.Contains("already bound", (await ProblemOf(reused, HttpStatusCode.Forbidden)).Str("detail"));
    }

    [Fact]
    public async Task Each_profile_gives_its_own_lifetime_and_the_order_echoes_it()
    {
        using var client = new AcmeTestClient(acme);
        await client.RegisterAsync();

        var (defaultOrder, defaultCertificate) = await client.ObtainAsync(NewDomain("p1"), null);
        var (shortOrder, shortCertificate) = await client.ObtainAsync(NewDomain("p2"), "shortlived");

        Assert.Equal("default", defaultOrder.GetProperty("profile").GetString());
        Assert.Equal("shortlived", shortOrder.GetProperty("profile").GetString());
        Assert.InRange((defaultCertificate.NotAfter - defaultCertificate.NotBefore).TotalDays, 89.9, 90.1);
        Assert.InRange((shortCertificate.NotAfter - shortCertificate.NotBefore).TotalDays, 5.9, 6.1);
        defaultCertificate.Dispose();
        shortCertificate.Dispose();
    }

    [Fact]
    public async Task An_unknown_profile_is_refused_with_invalidProfile()
    {
        using var client = new AcmeTestClient(acme);
        await client.RegisterAsync();

        var response = await client.PostAsync(client.Url("newOrder"), new { identifiers = new[] { new { type = "dns", value = NewDomain("p3") } }, profile = "classic" });

        var problem = await ProblemOf(response, HttpStatusCode.BadRequest);
        Assert.Equal("urn:ietf:params:acme:error:invalidProfile", problem.Str("type"));
        Assert.Contains("shortlived", problem.Str("detail"));
    }

    [Fact]
    public async Task A_nonce_used_once_is_refused_the_second_time_with_badNonce_and_a_fresh_one()
    {
        using var client = new AcmeTestClient(acme);
        await client.RegisterAsync();
        var nonce = await client.NonceAsync();
        (await client.PostAsync(client.Kid!, null, nonce)).EnsureSuccessStatusCode();

        var replayed = await client.PostAsync(client.Kid!, null, nonce);

        Assert.Equal("urn:ietf:params:acme:error:badNonce", (await ProblemOf(replayed, HttpStatusCode.BadRequest)).Str("type"));
        Assert.False(string.IsNullOrEmpty(client.LastNonce));
        (await client.PostAsync(client.Kid!, null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_url_header_other_than_the_url_requested_is_refused()
    {
        using var client = new AcmeTestClient(acme);
        await client.RegisterAsync();

        var response = await client.PostAsync(client.Url("newOrder"), new { identifiers = new[] { new { type = "dns", value = NewDomain("u1") } } }, signedUrl: client.Kid);

        Assert.Equal("urn:ietf:params:acme:error:unauthorized", (await ProblemOf(response, HttpStatusCode.Forbidden)).Str("type"));
    }

    [Fact]
    public async Task After_a_key_rollover_the_new_key_is_the_account_and_the_old_one_is_not()
    {
        using var client = new AcmeTestClient(acme);
        await client.RegisterAsync();
        var oldKey = AcmeAccountKey.FromPkcs8(((AcmeAccountKey)client.Key).ExportPkcs8());

        (await client.ChangeKeyAsync()).EnsureSuccessStatusCode();

        (await client.PostAsync(client.Kid!, null)).EnsureSuccessStatusCode();
        var old = await client.PostAsync(client.Url("newAccount"), new { onlyReturnExisting = true }, useJwk: true, key: oldKey);
        Assert.Equal("urn:ietf:params:acme:error:accountDoesNotExist", (await ProblemOf(old, HttpStatusCode.BadRequest)).Str("type"));
        oldKey.Dispose();
    }

    [Fact]
    public async Task RenewalInfo_suggests_the_last_third_of_the_lifetime_and_an_open_window_once_revoked()
    {
        using var client = new AcmeTestClient(acme);
        await client.RegisterAsync();
        var (_, certificate) = await client.ObtainAsync(NewDomain("ari"), "shortlived");
        using (certificate)
        {
            var aki = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray();
            var url = $"{client.Url("renewalInfo")}/{Base64Url.Encode(aki)}.{Base64Url.Encode(certificate.SerialNumberBytes.Span)}";
            using var http = new HttpClient();

            var window = (await http.GetFromJsonAsync<JsonElement>(url)).GetProperty("suggestedWindow");
            var start = window.GetProperty("start").GetDateTime().ToUniversalTime();
            Assert.InRange(start, certificate.NotBefore.ToUniversalTime().AddDays(3.9), certificate.NotBefore.ToUniversalTime().AddDays(4.1));

            var revoked = await client.PostAsync(client.Url("revokeCert"), new { certificate = Base64Url.Encode(certificate.RawData), reason = 4 });
            Assert.True(revoked.IsSuccessStatusCode, await revoked.Content.ReadAsStringAsync());
            var after = (await http.GetFromJsonAsync<JsonElement>(url)).GetProperty("suggestedWindow");
            Assert.True(after.GetProperty("start").GetDateTime().ToUniversalTime() < DateTime.UtcNow);
        }
    }

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("Replay-Nonce"));
        return JsonSerializer.Deserialize<JsonElement>(body);
    }
}
