using System.Net;
using System.Text;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Api;

/// <summary>The portal's log tells bad requests from faults: a Warning naming the status, no 500 and no stack trace.</summary>
public sealed class BadRequestLogTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task Bad_json_a_wrong_type_a_wrong_media_type_and_an_oversized_body_are_logged_as_warnings()
    {
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        var sent = new (HttpContent Content, HttpStatusCode Status)[]
        {
            (new StringContent("{\"name\": \"Unclosed", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest),
            (new StringContent("{\"name\": 42}", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest),
            (new StringContent("name=Acme", Encoding.UTF8, "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType),
            (new StringContent($"{{\"name\": \"{new string('x', 1100 * 1024)}\"}}", Encoding.UTF8, "application/json"), HttpStatusCode.RequestEntityTooLarge),
        };
        foreach (var (content, status) in sent)
            Assert.Equal(status, (await api.PostAsync("/api/v1/customers", content)).StatusCode);

        var log = ReadLog();
        foreach (var status in new[] { 400, 415, 413 })
            Assert.Contains(log, line => line.Contains("[WRN]") && line.Contains($"POST /api/v1/customers responded {status}"));
        Assert.Contains(log, line => line.Contains("[WRN]") && line.Contains("Refused bad request POST /api/v1/customers: 400 BadHttpRequestException"));
        Assert.DoesNotContain(log, line => line.Contains("[ERR]") || line.Contains("responded 500"));
        Assert.DoesNotContain(log, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    private string[] ReadLog() => PortalLogFiles.Lines(_portal.DataPath);

    public void Dispose() => _portal.Dispose();
}
