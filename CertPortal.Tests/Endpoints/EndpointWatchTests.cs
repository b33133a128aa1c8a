using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using CertPortal.Features.Endpoints.Watching;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Notifications.Detection;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Endpoints;

/// <summary>Endpoints added by hand and by bindings, looked at again: a certificate changed behind the portal's back, adoption, removal.</summary>
[SupportedOSPlatform("linux")]
public sealed class EndpointWatchTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task An_endpoint_whose_certificate_changes_between_two_checks_is_flagged_until_adopted_as_observed()
    {
        using var site = await TlsSite.StartAsync("changing.endpoints.test");
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));
        var added = await api.PostAsJsonAsync("/api/v1/endpoints", new { customerId = customer.Id, host = "127.0.0.1", port = site.Port, serverName = "changing.endpoints.test" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var endpoint = await added.Content.ReadFromJsonAsync<JsonElement>();
        var id = endpoint.GetProperty("id").GetString();
        Assert.Equal(site.Thumbprint, endpoint.GetProperty("thumbprintSha256").GetString());
        Assert.Equal("changing.endpoints.test", endpoint.GetProperty("serverName").GetString());
        Assert.Equal(JsonValueKind.Null, endpoint.GetProperty("problem").ValueKind);
        Assert.Equal(JsonValueKind.Null, endpoint.GetProperty("knownCertificateId").ValueKind);
        Assert.InRange(endpoint.GetProperty("daysLeft").GetInt32(), 89, 90);

        await site.ReplaceAsync();
        var checkedAgain = await (await api.PostAsync($"/api/v1/endpoints/{id}/check", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(site.Thumbprint, checkedAgain.GetProperty("thumbprintSha256").GetString());
        Assert.Equal("changed", checkedAgain.GetProperty("problem").GetString());
        var attention = await api.GetFromJsonAsync<JsonElement>("/api/v1/attention?pageSize=100");
        Assert.Contains(attention.GetProperty("items").EnumerateArray(), i => i.GetProperty("kind").GetString() == "endpoint.changed" && i.GetProperty("severity").GetString() == "critical");

        var adopted = await api.PostAsync($"/api/v1/endpoints/{id}/adopt", null);
        Assert.Equal(HttpStatusCode.Created, adopted.StatusCode);
        var result = await adopted.Content.ReadFromJsonAsync<JsonElement>();
        var certificateId = result.GetProperty("certificateId").GetString();
        Assert.Equal(certificateId, result.GetProperty("endpoint").GetProperty("knownCertificateId").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("endpoint").GetProperty("problem").ValueKind);
        var certificate = await api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{certificateId}");
        Assert.Equal("observed", certificate.GetProperty("source").GetString());
        Assert.Equal("changing.endpoints.test", certificate.GetProperty("commonName").GetString());
        Assert.Equal(site.Chain.LeafPem, await api.GetStringAsync($"/api/v1/certificates/{certificateId}/download?format=pem-cert"));
        await ProblemAssert.IsInvalidFieldAsync(await api.GetAsync($"/api/v1/certificates/{certificateId}/download?format=pem-key"), "format");
        await ProblemAssert.IsProblemAsync(await api.PostAsync($"/api/v1/endpoints/{id}/adopt", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_changed_certificate_is_mailed_once_to_the_customer_s_alert_address_and_not_again_on_the_next_check()
    {
        using var smtp = await SmtpServer.StartAsync();
        await _portal.UseMailServerAsync(smtp);
        using var site = await TlsSite.StartAsync("mailed.endpoints.test");
        var inbox = AlertSetup.Mailbox("endpoints");
        var customer = await _portal.SeedCustomerAsync(alertEmails: inbox);
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));
        var endpoint = await (await api.PostAsJsonAsync("/api/v1/endpoints", new { customerId = customer.Id, host = "127.0.0.1", port = site.Port, serverName = "mailed.endpoints.test" }))
            .JsonAsync(HttpStatusCode.Created);
        var id = endpoint.GetProperty("id").GetString();

        await site.ReplaceAsync();
        Assert.Equal("changed", (await (await api.PostAsync($"/api/v1/endpoints/{id}/check", null)).JsonAsync()).GetProperty("problem").GetString());
        var mail = Assert.Single(await smtp.ExactlyAsync(inbox, 1));
        Assert.Contains($"127.0.0.1:{site.Port} (mailed.endpoints.test)", mail.Subject);
        Assert.Contains("changed unexpectedly", mail.Subject);
        Assert.Contains($"/endpoints?customerId={customer.Id}", mail.Text);

        await api.PostAsync($"/api/v1/endpoints/{id}/check", null);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(smtp.To(inbox));
    }

    [Fact]
    public async Task Bad_endpoints_are_refused_and_audited_and_one_removed_is_no_longer_watched()
    {
        using var site = await TlsSite.StartAsync("plain.endpoints.test");
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));
        await ProblemAssert.IsInvalidFieldAsync(await Add(api, customer.Id, "not a host", 443, null), "host");
        await ProblemAssert.IsInvalidFieldAsync(await Add(api, customer.Id, "127.0.0.1", 0, null), "port");
        await ProblemAssert.IsInvalidFieldAsync(await Add(api, customer.Id, "127.0.0.1", 443, "10.0.0.1"), "serverName");
        await ProblemAssert.IsInvalidFieldAsync(await Add(api, Guid.NewGuid(), "127.0.0.1", 443, null), "customerId");
        var added = await Add(api, customer.Id, "127.0.0.1", site.Port, "wrong.example.test");
        var endpoint = await added.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("name-mismatch", endpoint.GetProperty("problem").GetString());
        await ProblemAssert.IsInvalidFieldAsync(await Add(api, customer.Id, "127.0.0.1", site.Port, "wrong.example.test"), "host");
        var audit = await api.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=endpoint.add");
        Assert.Equal(5, audit.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("outcome").GetString() == "failure"));

        var closed = await (await Add(api, customer.Id, "127.0.0.1", FreePort.Next(), null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unreachable", closed.GetProperty("problem").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/endpoints/{closed.GetProperty("id").GetString()}")).StatusCode);
        Assert.Single((await api.GetFromJsonAsync<JsonElement>($"/api/v1/endpoints?customerId={customer.Id}")).EnumerateArray());
    }

    [Fact]
    public async Task Every_binding_s_endpoint_is_watched_and_let_go_with_the_binding()
    {
        using var site = await TlsSite.StartAsync("bound.endpoints.test");
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        var certificateId = await site.ImportAsync(api, customer.Id);
        var target = await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer.Id, name = "Appliance", type = "manual",
            settings = new { checklist = "Upload it", verifyHost = "127.0.0.1", verifyPort = site.Port.ToString(), verifySni = "bound.endpoints.test" },
        });
        Assert.Equal(HttpStatusCode.Created, target.StatusCode);
        var targetId = (await target.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var binding = await api.PostAsJsonAsync("/api/v1/deployments", new { certificateId, targetId, autoDeploy = false });
        Assert.Equal(HttpStatusCode.Created, binding.StatusCode);
        var bindingId = (await binding.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        await SyncAsync();
        var watched = Assert.Single((await api.GetFromJsonAsync<JsonElement>($"/api/v1/endpoints?customerId={customer.Id}")).EnumerateArray());
        Assert.Equal("binding", watched.GetProperty("origin").GetString());
        Assert.Equal(bindingId, watched.GetProperty("deploymentId").GetString());
        Assert.Equal("bound.endpoints.test", watched.GetProperty("serverName").GetString());
        var id = watched.GetProperty("id").GetString();
        var looked = await (await api.PostAsync($"/api/v1/endpoints/{id}/check", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(certificateId, looked.GetProperty("knownCertificateId").GetString());
        await ProblemAssert.IsProblemAsync(await api.DeleteAsync($"/api/v1/endpoints/{id}"), HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/deployments/{bindingId}")).StatusCode);
        await SyncAsync();
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>($"/api/v1/endpoints?customerId={customer.Id}")).EnumerateArray());
    }

    private Task SyncAsync() => _portal.InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<BindingEndpointSync>().SyncAsync(CancellationToken.None);
        return 0;
    });

    private static Task<HttpResponseMessage> Add(HttpClient api, Guid customerId, string host, int port, string? serverName) =>
        api.PostAsJsonAsync("/api/v1/endpoints", new { customerId, host, port, serverName });

    public void Dispose() => _portal.Dispose();
}
