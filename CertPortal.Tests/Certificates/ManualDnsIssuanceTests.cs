using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Certificates;

/// <summary>The manual DNS provider: the order shows the record, waits for "done", checks the record is there, then the CA validates.</summary>
public sealed class ManualDnsIssuanceTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>, IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task The_order_waits_for_the_technician_and_issues_once_the_record_exists()
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var manual = await setup.Api.PostAsJsonAsync("/api/v1/dns-providers", new
        {
            customerId = setup.CustomerId, name = "Customer's registrar", type = "manual",
            settings = new { resolvers = new[] { peers.Bind.NameServer }, propagationTimeoutSeconds = 20 },
        });
        Assert.Equal(HttpStatusCode.Created, manual.StatusCode);
        var manualId = await IssuanceSetup.IdOf(manual);
        var test = await (await setup.Api.PostAsync($"/api/v1/dns-providers/{manualId}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("no API to test", test.GetProperty("message").GetString());

        var response = await setup.Api.PostAsJsonAsync("/api/v1/certificates", new
        {
            customerId = setup.CustomerId, commonName = "manual.example.test", acmeAccountId = setup.AccountId, dnsProviderId = manualId,
        });
        var id = await IssuanceSetup.IdOf(response);

        JsonElement request = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var pending = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/dns-providers/manual-requests?ownerId={id}");
            if (pending.GetArrayLength() == 1)
            {
                request = pending[0];
                break;
            }
        }
        Assert.Equal(JsonValueKind.Object, request.ValueKind);
        Assert.Equal("_acme-challenge.manual.example.test", request.GetProperty("recordName").GetString());
        await Task.Delay(500);
        Assert.Equal("issuing", (await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}")).GetProperty("status").GetString());

        // What the technician does at the customer's DNS console.
        var value = request.GetProperty("value").GetString()!;
        var bind = new DnsProviderSettings(peers.Bind.Rfc2136Settings(), new Dictionary<string, string?> { ["tsigSecret"] = peers.Bind.TsigSecret });
        await new Rfc2136Provider().CreateTxtAsync(bind, "_acme-challenge.manual.example.test", value, CancellationToken.None);
        try
        {
            var done = await setup.Api.PostAsync($"/api/v1/dns-providers/manual-requests/{request.GetProperty("id").GetString()}/done", null);
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            await setup.WaitForStatusAsync(id, "valid");
            Assert.Equal(0, (await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/dns-providers/manual-requests?ownerId={id}")).GetArrayLength());
            var again = await setup.Api.PostAsync($"/api/v1/dns-providers/manual-requests/{request.GetProperty("id").GetString()}/done", null);
            await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound);
        }
        finally
        {
            await new Rfc2136Provider().DeleteTxtAsync(bind, "_acme-challenge.manual.example.test", value, CancellationToken.None);
        }
    }

    public void Dispose() => _portal.Dispose();
}
