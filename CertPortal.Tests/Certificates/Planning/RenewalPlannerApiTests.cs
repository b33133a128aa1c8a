using System.Net;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Certificates.Planning;

/// <summary>GET /api/v1/planner: renewals at their cadence, ARI marked, the deployments that follow in their windows, filters and scope.</summary>
public sealed class RenewalPlannerApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_45_day_certificate_appears_every_30_days_and_its_deployment_waits_for_the_maintenance_window()
    {
        var customer = await portal.SeedCustomerAsync();
        var account = await portal.SeedAccountAsync(PlannerSeed.LetsEncrypt, customer.Id, "LE shared");
        var renewAt = portal.InWindow(days: 5, hour: 14);
        var id = (await portal.SeedCertificatesAsync(customer.Id, account, 1, _ => "cadence.example.com", renewAt, TimeSpan.FromDays(45))).Single();
        var binding = await portal.SeedBindingAsync(customer.Id, id, "Edge firewall", "Sat,Sun 02:00-04:00 UTC");

        var plan = await GetAsync($"/api/v1/planner?days=60&customerId={customer.Id}");

        var days = plan.GetProperty("days").EnumerateArray().ToArray();
        Assert.Equal(60, days.Length);
        Assert.Equal(DateOnly.FromDateTime(portal.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd"), days[0].Str("date"));
        var renewals = days.SelectMany(d => d.GetProperty("renewals").EnumerateArray()).ToArray();
        Assert.Equal(2, renewals.Length);
        Assert.Equal(renewAt, renewals[0].GetProperty("at").GetDateTime());
        Assert.Equal(renewAt.AddDays(30), renewals[1].GetProperty("at").GetDateTime());
        Assert.Equal([false, true], renewals.Select(r => r.GetProperty("projected").GetBoolean()));
        Assert.All(renewals, r => Assert.Equal((id.ToString(), "cadence.example.com", customer.Id.ToString(), account.ToString(), false, false),
            (r.Str("certificateId"), r.Str("commonName"), r.Str("customerId"), r.Str("acmeAccountId"), r.GetProperty("ari").GetBoolean(), r.GetProperty("movedEarlier").GetBoolean())));

        var deployments = days.SelectMany(d => d.GetProperty("deployments").EnumerateArray().Select(x => (Date: d.Str("date"), Deployment: x))).ToArray();
        Assert.Equal(2, deployments.Length);
        var first = deployments[0].Deployment;
        var at = first.GetProperty("at").GetDateTime();
        Assert.Equal((binding.ToString(), "Edge firewall", "Sat,Sun 02:00-04:00 UTC"), (first.Str("deploymentId"), first.Str("targetName"), first.Str("window")));
        Assert.True(at > renewAt && at - renewAt < TimeSpan.FromDays(7), $"{at:O} is not the first window after {renewAt:O}");
        Assert.Equal((2, 0), (at.Hour, at.Minute));
        Assert.Contains(at.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
        Assert.Equal(at.ToString("yyyy-MM-dd"), deployments[0].Date);

        var day = days.Single(d => d.Str("date") == renewAt.ToString("yyyy-MM-dd"));
        var limits = day.GetProperty("limits").EnumerateArray().ToArray();
        Assert.Contains(limits, l => l.Str("limit") == "orders-per-account" && l.Str("account") == "LE shared" && l.GetProperty("max").GetInt32() == 300
                                     && l.GetProperty("planned").GetInt32() == 0 && !l.GetProperty("exceeded").GetBoolean());
        Assert.Contains(limits, l => l.Str("limit") == "orders-per-account-per-day" && l.GetProperty("max").GetInt32() == 2400);
        var perAccount = Assert.Single(day.GetProperty("accounts").EnumerateArray());
        Assert.Equal(("LE shared", 1, 0), (perAccount.Str("account"), perAccount.GetProperty("renewals").GetInt32(), perAccount.GetProperty("ari").GetInt32()));
        Assert.Contains(plan.GetProperty("cas").EnumerateArray(), c => c.Str("name") == "Let's Encrypt" && c.GetProperty("certificatesPerIdentifierSet").GetInt32() == 5);
    }

    [Fact]
    public async Task A_6_day_certificate_is_projected_every_3_days_about_20_times_in_60_days()
    {
        var customer = await portal.SeedCustomerAsync();
        var account = await portal.SeedAccountAsync(PlannerSeed.UnknownCa, customer.Id);
        var renewAt = portal.InWindow(days: 1);
        await portal.SeedCertificatesAsync(customer.Id, account, 1, _ => "shortlived.example.com", renewAt, TimeSpan.FromDays(6), leftAtRenewal: TimeSpan.FromDays(3));

        var plan = await GetAsync($"/api/v1/planner?days=60&customerId={customer.Id}");

        var renewals = plan.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("renewals").EnumerateArray()).ToArray();
        Assert.Equal(20, renewals.Length);
        Assert.Equal(Enumerable.Range(0, 20).Select(k => renewAt.AddDays(3 * k)), renewals.Select(r => r.GetProperty("at").GetDateTime()));
        Assert.Equal(19, renewals.Count(r => r.GetProperty("projected").GetBoolean()));
    }

    [Fact]
    public async Task Ari_renewals_are_marked_and_filters_choose_the_account_and_customer()
    {
        var customer = await portal.SeedCustomerAsync();
        var ariAccount = await portal.SeedAccountAsync(PlannerSeed.LetsEncrypt, customer.Id);
        var otherAccount = await portal.SeedAccountAsync(PlannerSeed.UnknownCa, customer.Id);
        var ari = (await portal.SeedCertificatesAsync(customer.Id, ariAccount, 1, _ => "ari.example.net", portal.InWindow(days: 3), TimeSpan.FromDays(90), ari: true)).Single();
        await portal.SeedCertificatesAsync(customer.Id, otherAccount, 2, i => $"other{i}.example.net", portal.InWindow(days: 4), TimeSpan.FromDays(90));

        var onlyAri = await GetAsync($"/api/v1/planner?customerId={customer.Id}&acmeAccountId={ariAccount}");
        var renewal = Assert.Single(onlyAri.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("renewals").EnumerateArray()));
        Assert.Equal((ari.ToString(), true, true), (renewal.Str("certificateId"), renewal.GetProperty("ari").GetBoolean(), renewal.GetProperty("exempt").GetBoolean()));

        var both = await GetAsync($"/api/v1/planner?days=10&customerId={customer.Id}");
        Assert.Equal(10, both.GetProperty("days").GetArrayLength());
        Assert.Equal(3, both.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("renewals").GetArrayLength()));

        // A token limited to another customer sees none of them, and an unknown customer filter shows nothing.
        var scoped = portal.ApiClient(await portal.CreateTokenAsync("readonly", (await portal.SeedCustomerAsync()).Id));
        var foreign = await (await scoped.GetAsync($"/api/v1/planner?customerId={customer.Id}")).JsonAsync();
        Assert.All(foreign.GetProperty("days").EnumerateArray(), d => Assert.Equal(0, d.GetProperty("renewals").GetArrayLength()));
    }

    [Theory]
    [InlineData("days=0")]
    [InlineData("days=91")]
    [InlineData("days=soon")]
    [InlineData("customerId=nobody")]
    public async Task Bad_parameters_answer_400_with_a_problem(string query)
    {
        var response = await portal.ApiClient(await portal.CreateTokenAsync("readonly")).GetAsync($"/api/v1/planner?{query}");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private async Task<JsonElement> GetAsync(string path) =>
        await (await portal.ApiClient(await portal.CreateTokenAsync("readonly")).GetAsync(path)).JsonAsync();
}
