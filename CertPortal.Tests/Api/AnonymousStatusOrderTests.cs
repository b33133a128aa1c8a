using System.Net;
using System.Text;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Api;

/// <summary>Who is calling is judged first: an anonymous caller hears 401 whatever it sent, never what is wrong with the body.</summary>
public sealed class AnonymousStatusOrderTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    public static TheoryData<string, string, string, string> Requests => new()
    {
        { "POST", "/api/v1/customers", "name=Acme", "application/x-www-form-urlencoded" },
        { "POST", "/api/v1/customers", "<customer/>", "application/xml" },
        { "POST", "/api/v1/targets", "plain text", "text/plain" },
        { "PUT", "/api/v1/customers/0f8fad5b-d9cb-469f-a165-70867728950e", "{\"name\":", "text/plain" },
        { "POST", "/api/v1/dns-providers", "{not json", "application/json" },
        { "POST", "/api/v1/certificates/import", "junk", "application/octet-stream" },
        { "POST", "/api/v1/cas", "", "" },
        { "PATCH", "/api/v1/customers", "{}", "application/json" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task An_anonymous_call_gets_401_whatever_its_body_or_content_type(string method, string path, string body, string contentType)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (contentType.Length > 0)
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        var response = await portal.ApiClient(null).SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task An_admin_token_with_a_form_body_still_hears_415()
    {
        var api = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var response = await api.PostAsync("/api/v1/customers", new StringContent("name=Acme", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }
}
