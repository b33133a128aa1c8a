using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Api;

public sealed class HealthTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Health_is_anonymous_and_reports_the_database()
    {
        var response = await portal.ApiClient(null).GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("database").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_problem_details()
    {
        var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var response = await portal.ApiClient(null).GetAsync("/api/v1/customers", cts.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
