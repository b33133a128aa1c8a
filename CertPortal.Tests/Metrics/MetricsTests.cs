using System.Net;
using CertPortal.Features.Customers;
using CertPortal.Features.Dashboard.Metrics;
using CertPortal.Security;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Deployments;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Metrics;

/// <summary>GET /metrics: who may scrape it, the certificate gauges read from the database, and the counters the slices move.</summary>
public sealed class MetricsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Metrics_need_an_api_token_of_any_role_and_a_token_limited_to_one_customer_is_refused()
    {
        await ProblemAssert.IsProblemAsync(await portal.ApiClient(null).GetAsync("/metrics"), HttpStatusCode.Unauthorized);

        var response = await portal.ApiClient(await portal.CreateTokenAsync("readonly")).GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE certportal_certificates gauge", text);
        Assert.Contains("# TYPE certportal_renewals_total counter", text);
        Assert.Contains("# TYPE certportal_issuance_duration_seconds histogram", text);
        Assert.Contains("process_cpu_seconds_total", text);

        var customer = await portal.SeedCustomerAsync();
        await ProblemAssert.IsProblemAsync(await portal.ApiClient(await portal.CreateTokenAsync("admin", customer.Id)).GetAsync("/metrics"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Certificates_are_counted_per_customer_and_status_with_the_nearest_expiry_and_the_customers_name()
    {
        var fabrikam = await portal.SeedCustomerAsync($"Fabrikam \"North\" {Guid.NewGuid():N}");
        var contoso = await portal.SeedCustomerAsync();
        using var shop = new TestChain("shop.fabrikam.test");
        using var mail = new TestChain("mail.fabrikam.test");
        using var ending = new TestChain("old.fabrikam.test", days: 1);
        using var web = new TestChain("web.contoso.test", days: 40);
        foreach (var chain in new[] { shop, mail, ending })
            await portal.ImportAsync(fabrikam.Id, chain);
        await portal.ImportAsync(contoso.Id, web);
        // Two days on: the one-day certificate has ended (and the gauges' few seconds of cache too).
        portal.Clock.Advance(TimeSpan.FromDays(2));

        var samples = await ScrapeAsync();

        var (f, c) = (fabrikam.Id.ToString(), contoso.Id.ToString());
        Assert.Equal(2, samples.Value("certportal_certificates", ("customer", f), ("status", "valid")));
        Assert.Equal(1, samples.Value("certportal_certificates", ("customer", f), ("status", "expired")));
        Assert.Equal(0, samples.Value("certportal_certificates", ("customer", f), ("status", "failed")));
        Assert.Equal(1, samples.Value("certportal_certificates", ("customer", c), ("status", "valid")));
        Assert.Equal(7, samples.Count(s => s.Name == "certportal_certificates" && s.Labels["customer"] == c));
        var now = portal.Clock.GetUtcNow().UtcDateTime;
        Assert.InRange(samples.Value("certportal_certificate_nearest_expiry_seconds", ("customer", f))!.Value,
            (ending.Leaf.NotAfter.ToUniversalTime() - now).TotalSeconds - 1, (ending.Leaf.NotAfter.ToUniversalTime() - now).TotalSeconds + 1);
        Assert.True(samples.Value("certportal_certificate_nearest_expiry_seconds", ("customer", f)) < 0, "an ended certificate makes the nearest expiry negative");
        Assert.InRange(samples.Value("certportal_certificate_nearest_expiry_seconds", ("customer", c))!.Value, 37 * 86400, 39 * 86400);
        Assert.Equal(1, samples.Value("certportal_customer_info", ("customer", f), ("name", fabrikam.Name)));

        // A renamed customer is joined to its new name only.
        var renamed = PortalSeed.UniqueName("Contoso renamed");
        await portal.InScopeAsync(sp => sp.GetRequiredService<CustomerService>().UpdateAsync(contoso.Id, new CustomerInput(renamed, "", []), Actor.CommandLine("test")));
        portal.Clock.Advance(TimeSpan.FromSeconds(10));
        var after = await ScrapeAsync();
        Assert.Equal([renamed], after.Where(s => s.Name == "certportal_customer_info" && s.Labels["customer"] == c).Select(s => s.Labels["name"]));
    }

    [Fact]
    public async Task A_deployment_run_that_ends_moves_the_counter_of_its_outcome()
    {
        var before = (await ScrapeAsync()).Value("certportal_deployments_total", ("outcome", "verified"));
        var customer = await portal.SeedCustomerAsync();
        using var chain = new TestChain("run.metrics.test");
        var certificate = await portal.ImportAsync(customer.Id, chain);
        await using var device = await WebhookDevice.StartAsync();
        var target = await portal.SeedWebhookTargetAsync(customer.Id, "Edge", device.HookUrl, device.TlsPort, "run.metrics.test");

        Assert.Equal("verified", await portal.RunToEndAsync((await portal.BindAsync(certificate.Id, target.Id)).Id));

        var after = await ScrapeAsync();
        Assert.Equal(before + 1, after.Value("certportal_deployments_total", ("outcome", "verified")));
        Assert.Equal(0, after.Value("certportal_deployments_total", ("outcome", "rolled-back")));
    }

    [Fact]
    public async Task Notification_sends_are_counted_by_channel_type_and_outcome()
    {
        var metrics = portal.Service<PortalMetrics>();
        metrics.NotificationSent("email", "sent");
        metrics.NotificationSent("email", "sent");
        metrics.NotificationSent("webhook", "failed");

        var samples = await ScrapeAsync();

        Assert.Equal(2, samples.Value("certportal_notifications_total", ("channel_type", "email"), ("outcome", "sent")));
        Assert.Equal(1, samples.Value("certportal_notifications_total", ("channel_type", "webhook"), ("outcome", "failed")));
    }

    [Fact]
    public async Task Anonymous_scrapes_are_allowed_when_the_option_says_so()
    {
        using var open = new PortalFactory();
        open.Settings["CertPortal:Metrics:AllowAnonymous"] = "true";

        var response = await open.ApiClient(null).GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("certportal_renewals_total{outcome=\"succeeded\"} 0", await response.Content.ReadAsStringAsync());
    }

    private async Task<List<PrometheusSample>> ScrapeAsync() =>
        PrometheusText.Parse(await portal.ApiClient(await portal.CreateTokenAsync("readonly")).GetStringAsync("/metrics"));
}
