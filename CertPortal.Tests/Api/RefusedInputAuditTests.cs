using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Api;

public sealed class RefusedInputAuditTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Refused_input_is_recorded_in_the_audit_log_without_the_body()
    {
        var client = portal.ApiClient(await portal.CreateTokenAsync("admin", name: "clumsy-script"));
        await client.PostAsync("/api/v1/customers", new StringContent("{\"name\": \"S3cr3t-in-body", Encoding.UTF8, "application/json"));
        var audit = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?user=clumsy-script&action=api.bad-request");
        var entry = audit.GetProperty("items")[0];
        Assert.Equal("failure", entry.GetProperty("outcome").GetString());
        Assert.Equal("POST /api/v1/customers", entry.GetProperty("entityId").GetString());
        Assert.Contains("not valid JSON", entry.GetProperty("summary").GetString());
        Assert.DoesNotContain("S3cr3t", entry.GetProperty("summary").GetString());
    }
}
