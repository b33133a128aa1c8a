using CertPortal.Security;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Security;

public sealed class SecurityHeadersTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/Account/Login")] // a page
    [InlineData("/api/v1/customers")] // an API answer
    [InlineData("/api/v1/reports/inventory.csv")] // a download
    [InlineData("/api/v1/no-such-route")] // an error
    public async Task Every_answer_carries_the_security_headers_and_no_HSTS_over_http(string path)
    {
        var token = await portal.CreateTokenAsync(Roles.Technician);
        var response = await portal.ApiClient(token).GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        var permissions = Header(response, "Permissions-Policy");
        Assert.Contains("camera=()", permissions);
        Assert.Contains("geolocation=()", permissions);
        Assert.Contains("publickey-credentials-get=(self)", permissions);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain http");
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content)
        : throw new Xunit.Sdk.XunitException($"{name} missing on {response.RequestMessage!.RequestUri} ({(int)response.StatusCode})");
}
