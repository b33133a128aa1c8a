using System.Net;
using CertPortal.Tests.ClientCerts;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.CertificateAuthorities;

/// <summary>A CA that signed anything stays (its revocation must remain answerable); one that signed nothing can go.</summary>
public sealed class CaDeleteGuardTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_ca_with_issued_certificates_is_not_deleted_and_the_refusal_names_them()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var root = await setup.CreateCaAsync("CN=Contoso Root,O=Contoso");
        var rootId = Guid.Parse(root.Str("id")!);
        var issuing = await setup.CreateCaAsync("CN=Contoso Users,O=Contoso", rootId);
        var issuingId = Guid.Parse(issuing.Str("id")!);
        await setup.IssueAsync(issuingId, "alice");
        var bob = await setup.IssueAsync(issuingId, "bob");
        (await setup.Api.PostAsync($"/api/v1/client-certs/{bob.Str("id")}/revoke", Json("{}"))).EnsureSuccessStatusCode();

        var refused = await ProblemAssert.IsProblemAsync(await setup.Api.DeleteAsync($"/api/v1/cas/{issuingId}"), HttpStatusCode.Conflict);
        Assert.Contains("has issued certificates alice (client certificate), bob (client certificate)", refused.Str("detail"));
        var parent = await ProblemAssert.IsProblemAsync(await setup.Api.DeleteAsync($"/api/v1/cas/{rootId}"), HttpStatusCode.Conflict);
        Assert.Contains($"certificate {issuing.Str("name")} (intermediate CA)", parent.Str("detail"));
        Assert.Equal(2, (await setup.AuditAsync("ca.delete")).Count(e => e.Str("outcome") == "failure"));
        Assert.Equal(HttpStatusCode.OK, (await setup.Api.GetAsync($"/api/v1/cas/{issuingId}")).StatusCode);
    }

    [Fact]
    public async Task A_ca_that_signed_nothing_is_deleted_and_audited()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var mistake = await setup.CreateCaAsync("CN=Made By Mistake");

        Assert.Equal(HttpStatusCode.NoContent, (await setup.Api.DeleteAsync($"/api/v1/cas/{mistake.Str("id")}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await setup.Api.GetAsync($"/api/v1/cas/{mistake.Str("id")}")).StatusCode);
        Assert.Contains(await setup.AuditAsync("ca.delete"), e => e.Str("outcome") == "success" && e.Str("entityId") == mistake.Str("id"));
        var readonlyApi = portal.ApiClient(await portal.CreateTokenAsync("readonly"));
        var other = await setup.CreateCaAsync("CN=Still Here");
        await ProblemAssert.IsProblemAsync(await readonlyApi.DeleteAsync($"/api/v1/cas/{other.Str("id")}"), HttpStatusCode.Forbidden);
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
