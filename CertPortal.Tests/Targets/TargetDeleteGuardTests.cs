using System.Net;
using System.Net.Http.Json;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Notifications.Detection;

namespace CertPortal.Tests.Targets;

/// <summary>A target that certificates are bound to is not deleted from under them; the refusal names them.</summary>
public sealed class TargetDeleteGuardTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_target_with_bindings_is_not_deleted_and_the_refusal_names_the_certificates_bound()
    {
        var customer = await portal.SeedCustomerAsync();
        var name = PortalSeed.UniqueName("deleter");
        var api = portal.ApiClient(await portal.CreateTokenAsync("technician", name: name));
        var notAfter = portal.Clock.GetUtcNow().UtcDateTime.AddDays(200);
        var www = await portal.ImportExpiringAsync(customer.Id, "www.contoso.test", notAfter);
        var vpn = await portal.ImportExpiringAsync(customer.Id, "vpn.contoso.test", notAfter);
        var target = (await (await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer.Id, name = "Edge", type = "webhook", settings = new { url = "https://hook.contoso.test/cert" }, secrets = new { hmacSecret = "s" },
        })).JsonAsync(HttpStatusCode.Created)).Str("id");
        var bindings = new List<string?>();
        foreach (var certificateId in new[] { www, vpn })
            bindings.Add((await (await api.PostAsJsonAsync("/api/v1/deployments", new { certificateId, targetId = target, autoDeploy = false })).JsonAsync(HttpStatusCode.Created)).Str("id"));

        var refused = await ProblemAssert.IsProblemAsync(await api.DeleteAsync($"/api/v1/targets/{target}"), HttpStatusCode.Conflict);
        Assert.Contains("the bindings of certificates vpn.contoso.test, www.contoso.test", refused.Str("detail"));
        Assert.Contains((await (await api.GetAsync($"/api/v1/audit?action=target.delete&user={name}")).JsonAsync()).Items(),
            e => e.Str("outcome") == "failure" && e.Str("summary")!.Contains("www.contoso.test"));

        foreach (var binding in bindings)
            Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/deployments/{binding}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/targets/{target}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/targets/{target}")).StatusCode);
    }
}
