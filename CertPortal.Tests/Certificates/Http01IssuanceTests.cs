using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Acme;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Certificates;

/// <summary>HTTP-01: the portal serves the key authorization at /.well-known/acme-challenge/ and Pebble fetches it from the portal's port.</summary>
public sealed class Http01IssuanceTests
{
    [Fact]
    public async Task A_name_that_points_at_the_portal_is_validated_over_http_without_a_dns_provider()
    {
        await using var portal = new BrowserPortal();
        // pebble-challtestsrv answers every name with 127.0.0.1, so the CA connects to the portal's port.
        var pebble = new PebbleFixture { HttpPort = portal.Port };
        await pebble.InitializeAsync();
        try
        {
            var customer = await portal.SeedCustomerAsync();
            var api = portal.ApiClient(await portal.CreateTokenAsync("technician"));
            var account = await api.PostAsJsonAsync("/api/v1/acme-accounts", new
            {
                customerId = customer.Id, name = "Pebble", directoryUrl = pebble.DirectoryUrl, email = "ops@example.com", trustedRootsPem = pebble.TlsRootPem,
            });
            Assert.Equal(HttpStatusCode.Created, account.StatusCode);
            var request = await api.PostAsJsonAsync("/api/v1/certificates", new
            {
                customerId = customer.Id, commonName = "intranet.example.test", acmeAccountId = await IssuanceSetup.IdOf(account), challengeType = "http-01", keyType = "ec384",
            });
            Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
            var id = await IssuanceSetup.IdOf(request);

            JsonElement certificate = default;
            for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(250))
                if ((certificate = await api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}")).GetProperty("status").GetString() is "valid" or "failed")
                    break;
            Assert.True(certificate.GetProperty("status").GetString() == "valid", certificate.ToString());
            var runs = await api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs");
            Assert.Contains(runs[0].GetProperty("steps").EnumerateArray(), s => s.GetProperty("message").GetString()!.StartsWith("Serving /.well-known/acme-challenge/"));

            // Once validated, the answer is no longer served.
            var token = runs[0].GetProperty("steps").EnumerateArray().First(s => s.GetProperty("name").GetString() == "Challenge ready").GetProperty("message").GetString()!
                .Split('/')[3].Split(' ')[0];
            Assert.Equal(HttpStatusCode.NotFound, (await new HttpClient().GetAsync($"{portal.BaseUrl}/.well-known/acme-challenge/{token}")).StatusCode);
        }
        finally
        {
            await pebble.DisposeAsync();
        }
    }
}
