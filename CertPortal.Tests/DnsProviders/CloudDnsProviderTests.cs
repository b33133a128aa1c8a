using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Tests.DnsProviders.Simulators;

namespace CertPortal.Tests.DnsProviders;

/// <summary>What every cloud provider type must do, each against its vendor's simulator publishing into a real BIND.</summary>
public sealed class CloudDnsProviderTests(BindFixture bind) : IClassFixture<BindFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(SimulatedVendors.Types), MemberType = typeof(SimulatedVendors))]
    public async Task A_created_record_is_answered_by_bind_and_delete_removes_only_its_own_value(string type)
    {
        await using var vendor = await SimulatedVendors.StartAsync(type, bind);
        if (vendor is CloudflareSimulator cloudflare)
            cloudflare.PageSizeLimit = 1; // the value to delete is on the second page
        var (provider, settings, name) = (vendor.CreateProvider(), Settings(vendor), $"_acme-challenge.{type}-www.{BindFixture.Zone}");

        await provider.CreateTxtAsync(settings, name, "first-value", None);
        await provider.CreateTxtAsync(settings, name, "second-value", None);
        await provider.CreateTxtAsync(settings, name, "second-value", None);
        Assert.Equal(["first-value", "second-value"], (await bind.TxtAsync(name)).Order());

        await provider.DeleteTxtAsync(settings, name, "second-value", None);
        Assert.Equal(["first-value"], await bind.TxtAsync(name));
        await provider.DeleteTxtAsync(settings, name, "first-value", None);
        await provider.DeleteTxtAsync(settings, name, "first-value", None);
        Assert.Empty(await bind.TxtAsync(name));
        Assert.All(vendor.Dns.Zones, zone => Assert.Empty(vendor.Dns.Records(zone, name)));
    }

    [Theory]
    [MemberData(nameof(SimulatedVendors.Types), MemberType = typeof(SimulatedVendors))]
    public async Task Wrong_credentials_are_refused_with_a_message_that_says_so_and_holds_no_secret(string type)
    {
        await using var vendor = await SimulatedVendors.StartAsync(type, bind);
        var (wrong, expected) = vendor.WrongSecrets();
        var name = $"_acme-challenge.{type}-bad.{BindFixture.Zone}";

        var error = await Assert.ThrowsAsync<DnsProviderException>(() =>
            vendor.CreateProvider().CreateTxtAsync(new DnsProviderSettings(vendor.Settings(), wrong), name, "x", None));

        Assert.Contains(expected, error.Message);
        foreach (var secret in wrong.Values.Concat(vendor.Secrets().Values))
            Assert.DoesNotContain(secret!, error.Message);
        Assert.Empty(await bind.TxtAsync(name));
    }

    [Theory]
    [MemberData(nameof(SimulatedVendors.Types), MemberType = typeof(SimulatedVendors))]
    public async Task Rate_limited_answers_are_waited_out_and_the_record_is_then_written(string type)
    {
        await using var vendor = await SimulatedVendors.StartAsync(type, bind);
        var (provider, settings, name) = (vendor.CreateProvider(), Settings(vendor), $"_acme-challenge.{type}-busy.{BindFixture.Zone}");
        vendor.RateLimit.Next(2);

        await provider.CreateTxtAsync(settings, name, "patient", None);

        Assert.Equal(2, vendor.RateLimit.Answered);
        Assert.Equal(["patient"], await bind.TxtAsync(name));
        await provider.DeleteTxtAsync(settings, name, "patient", None);
        Assert.Empty(await bind.TxtAsync(name));
    }

    [Fact]
    public async Task Rate_limiting_that_does_not_stop_ends_in_a_clear_message_after_a_few_attempts()
    {
        await using var vendor = await CloudflareSimulator.StartAsync(bind);
        vendor.RateLimit.Next(100);

        var error = await Assert.ThrowsAsync<DnsProviderException>(() =>
            vendor.CreateProvider().CreateTxtAsync(Settings(vendor), $"_acme-challenge.flood.{BindFixture.Zone}", "x", None));

        Assert.Contains("Cloudflare kept answering that the portal is rate limited (HTTP 429) after 4 attempts", error.Message);
        Assert.Equal(ThrottledSender.Attempts, vendor.RateLimit.Answered);
    }

    private static DnsProviderSettings Settings(ISimulatedVendor vendor) => new(vendor.Settings(), vendor.Secrets());
}
