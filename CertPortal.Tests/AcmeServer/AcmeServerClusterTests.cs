using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CertPortal.Acme;
using CertPortal.Tests.Cluster;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.AcmeServer;

/// <summary>Two portal processes on one PostgreSQL database: an ACME client may send each request to either.</summary>
public sealed class AcmeServerClusterTests
{
    [Fact]
    public async Task A_nonce_from_one_instance_is_accepted_once_by_the_other_and_the_account_is_known_to_both()
    {
        using var cluster = await PortalCluster.StartAsync("acme-cluster@msp.test");
        var (a, b) = (cluster.Portals[0], cluster.Portals[1]);
        using var api = await a.ApiClientAsync();
        var customer = (await (await api.PostAsJsonAsync("/api/v1/customers", new { name = PortalSeed.UniqueName("Customer"), notes = "", alertEmails = Array.Empty<string>() }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var caId = (await (await api.PostAsJsonAsync("/api/v1/cas", new { customerId = customer, name = PortalSeed.UniqueName("CA"), subject = "CN=Cluster CA", keyType = "ec256", validityDays = 365 }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var eab = await (await api.PostAsJsonAsync("/api/v1/acme-server/eab-keys", new { caId, customerId = customer, name = "cluster" })).JsonAsync(HttpStatusCode.Created);
        using var key = AcmeAccountKey.CreateEs256();
        using var http = new HttpClient();
        var nonceFromA = (await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{a.BaseUrl}/acme/{caId}/new-nonce"))).Headers.GetValues("Replay-Nonce").Single();

        var newAccountAtB = new Uri($"{b.BaseUrl}/acme/{caId}/new-account");
        var binding = JsonWebSignature.ExternalAccountBinding(key, eab.Str("keyId")!, Base64Url.Decode(eab.Str("hmacKey")!), newAccountAtB);
        var created = await PostAsync(http, key, newAccountAtB, nonceFromA, null, new { termsOfServiceAgreed = true, externalAccountBinding = binding });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var accountId = created.Headers.Location!.AbsoluteUri.Split('/')[^1];

        var accountAtA = new Uri($"{a.BaseUrl}/acme/{caId}/acct/{accountId}");
        var replayed = await PostAsync(http, key, accountAtA, nonceFromA, accountAtA.AbsoluteUri, null);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Contains("badNonce", await replayed.Content.ReadAsStringAsync());
        var read = await PostAsync(http, key, accountAtA, replayed.Headers.GetValues("Replay-Nonce").Single(), accountAtA.AbsoluteUri, null);
        Assert.True(read.StatusCode == HttpStatusCode.OK, await read.Content.ReadAsStringAsync());
        Assert.Equal("valid", (await read.Content.ReadFromJsonAsync<JsonElement>()).Str("status"));
    }

    // The kid is the account URL as the instance asked knows it: the same path under that instance's address.
    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, AcmeAccountKey key, Uri url, string nonce, string? kid, object? payload)
    {
        var content = new StringContent(JsonWebSignature.Sign(key, url, nonce, kid, payload), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/jose+json");
        return await http.PostAsync(url, content);
    }
}
