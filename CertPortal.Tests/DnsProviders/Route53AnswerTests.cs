using System.Net;
using System.Text;
using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Tests.DnsProviders;

/// <summary>What the portal makes of Route 53's answers when they are not what AWS sends.</summary>
public sealed class Route53AnswerTests
{
    [Fact]
    public async Task An_answer_with_a_dtd_is_refused_not_expanded()
    {
        const string answer = "<?xml version=\"1.0\"?><!DOCTYPE ChangeInfo [<!ENTITY s \"INSYNC\">]>" +
            "<GetChangeResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><ChangeInfo><Id>/change/C1</Id><Status>&s;</Status></ChangeInfo></GetChangeResponse>";
        using var http = new HttpClient(new FixedAnswer(answer));
        var settings = new DnsProviderSettings(
            new Dictionary<string, string?> { ["endpointUrl"] = "https://route53.example.test", ["accessKeyId"] = "AKIAEXAMPLE" },
            new Dictionary<string, string?> { ["secretAccessKey"] = "secret" });
        var api = new Route53Api(http, settings, TimeProvider.System);

        var error = await Assert.ThrowsAsync<DnsProviderException>(() => api.SendAsync(HttpMethod.Get, "change/C1", null, "report on the change", CancellationToken.None));
        Assert.Contains("not its XML", error.Message);
    }

    /// <summary>Stands in for the AWS endpoint, which cannot run here: every request gets the same 200 answer.</summary>
    private sealed class FixedAnswer(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "text/xml") });
    }
}
