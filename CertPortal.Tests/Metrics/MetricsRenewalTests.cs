using CertPortal.Tests.Certificates;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Metrics;

/// <summary>Against Pebble: an issuance and a renewal move the issuance histogram and the renewal counter.</summary>
public sealed class MetricsRenewalTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>, IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task An_issuance_and_a_renewal_are_timed_and_the_renewal_is_counted_as_succeeded()
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var id = await setup.RequestAsync("metrics.example.test");
        await setup.WaitForStatusAsync(id, "valid");

        // The certificate shows valid a moment before the run has ended and been counted.
        var issued = await ScrapeUntilAsync(s => s.Value("certportal_issuance_duration_seconds_count") == 1);
        Assert.Equal(1, issued.Value("certportal_issuance_duration_seconds_count"));
        Assert.Equal(0, issued.Value("certportal_renewals_total", ("outcome", "succeeded")));

        (await setup.Api.PostAsync($"/api/v1/certificates/{id}/renew", null)).EnsureSuccessStatusCode();
        await setup.WaitAsync(id, c => c.GetProperty("versions").GetArrayLength() == 2 && c.GetProperty("status").GetString() == "valid");

        var renewed = await ScrapeUntilAsync(s => s.Value("certportal_issuance_duration_seconds_count") == 2);
        Assert.Equal(2, renewed.Value("certportal_issuance_duration_seconds_count"));
        Assert.True(renewed.Value("certportal_issuance_duration_seconds_sum") > 0, "the orders took no time");
        Assert.Equal(2, renewed.Value("certportal_issuance_duration_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(1, renewed.Value("certportal_renewals_total", ("outcome", "succeeded")));
        Assert.Equal(0, renewed.Value("certportal_renewals_total", ("outcome", "failed")));
    }

    private async Task<List<PrometheusSample>> ScrapeUntilAsync(Func<List<PrometheusSample>, bool> until)
    {
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));
        for (var deadline = DateTime.UtcNow.AddSeconds(10); ; await Task.Delay(100))
        {
            var samples = PrometheusText.Parse(await api.GetStringAsync("/metrics"));
            if (until(samples) || DateTime.UtcNow > deadline)
                return samples;
        }
    }

    public void Dispose() => _portal.Dispose();
}
