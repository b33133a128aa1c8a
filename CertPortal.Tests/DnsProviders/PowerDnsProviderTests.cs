using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Tests.DnsProviders;

/// <summary>The powerdns provider against a real pdns_server: what its API stores is what its DNS port answers.</summary>
public sealed class PowerDnsProviderTests(PowerDnsFixture pdns) : IClassFixture<PowerDnsFixture>
{
    private readonly PowerDnsProvider _provider = PowerDnsFixture.NewProvider();

    [Fact]
    public async Task A_txt_value_is_added_beside_others_and_deleting_it_removes_only_that_value()
    {
        var name = $"_acme-challenge.www.{PowerDnsFixture.Zone}";
        await _provider.CreateTxtAsync(pdns.Settings(), name, "first-value", CancellationToken.None);
        await _provider.CreateTxtAsync(pdns.Settings(), name, "second-value", CancellationToken.None);
        Assert.Equal(["first-value", "second-value"], (await pdns.TxtAsync(name)).Order());

        await _provider.DeleteTxtAsync(pdns.Settings(), name, "first-value", CancellationToken.None);
        Assert.Equal(["second-value"], await pdns.TxtAsync(name));
        await _provider.DeleteTxtAsync(pdns.Settings(), name, "second-value", CancellationToken.None);
        Assert.Empty(await pdns.TxtAsync(name));
    }

    [Fact]
    public async Task Without_a_zone_setting_the_zone_is_found_by_walking_up_the_name()
    {
        var name = $"_acme-challenge.deep.sub.{PowerDnsFixture.Zone}";
        await _provider.CreateTxtAsync(pdns.Settings(zone: null), name, "walked", CancellationToken.None);
        Assert.Equal(["walked"], await pdns.TxtAsync(name));
        await _provider.DeleteTxtAsync(pdns.Settings(zone: null), name, "walked", CancellationToken.None);
        Assert.Empty(await pdns.TxtAsync(name));
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused_with_a_message_that_says_so_and_not_the_key()
    {
        var wrongKey = "not-the-key-" + Guid.NewGuid().ToString("N");
        var error = await Assert.ThrowsAsync<DnsProviderException>(() =>
            _provider.CreateTxtAsync(pdns.Settings(apiKey: wrongKey), $"_acme-challenge.bad.{PowerDnsFixture.Zone}", "x", CancellationToken.None));
        Assert.Contains("refused the API key (401)", error.Message);
        Assert.DoesNotContain(wrongKey, error.Message);
        Assert.Empty(await pdns.TxtAsync($"_acme-challenge.bad.{PowerDnsFixture.Zone}"));
    }

    [Fact]
    public async Task A_zone_pdns_does_not_serve_is_a_clear_404_message()
    {
        var error = await Assert.ThrowsAsync<DnsProviderException>(() =>
            _provider.CreateTxtAsync(pdns.Settings(zone: "unknown.test"), "_acme-challenge.unknown.test", "x", CancellationToken.None));
        Assert.Contains("has no zone unknown.test. (404)", error.Message);

        var walked = await Assert.ThrowsAsync<DnsProviderException>(() =>
            _provider.CreateTxtAsync(pdns.Settings(zone: null), "_acme-challenge.unknown.test", "x", CancellationToken.None));
        Assert.Contains("serves no zone that contains _acme-challenge.unknown.test", walked.Message);
    }

    [Fact]
    public async Task A_value_pdns_cannot_store_is_refused_with_pdns_own_reason()
    {
        var error = await Assert.ThrowsAsync<DnsProviderException>(() =>
            _provider.CreateTxtAsync(pdns.Settings(), $"_acme-challenge.quote.{PowerDnsFixture.Zone}", "a\"b", CancellationToken.None));
        Assert.Contains("refused the change in pdns.test. (422): ", error.Message);
        Assert.Contains("Parsing record content", error.Message);
    }

    [Fact]
    public async Task A_name_outside_the_configured_zone_is_refused_before_anything_is_sent()
    {
        var error = await Assert.ThrowsAsync<DnsProviderException>(() =>
            _provider.CreateTxtAsync(pdns.Settings(), "_acme-challenge.other.test", "x", CancellationToken.None));
        Assert.Contains("is not inside the zone pdns.test", error.Message);
    }
}
