using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Tests.DnsProviders.Simulators;

namespace CertPortal.Tests.DnsProviders;

public sealed class CloudflareProviderTests(BindFixture bind) : IClassFixture<BindFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_identical_record_already_there_counts_as_written_and_quoted_or_bare_content_is_deleted()
    {
        await using var cloudflare = await CloudflareSimulator.StartAsync(bind);
        var zone = cloudflare.Dns.Zones.Single(z => z.Name == BindFixture.Zone);
        var name = $"_acme-challenge.again.{BindFixture.Zone}";
        await cloudflare.Dns.AddAsync(zone, name, "\"quoted\"");
        await cloudflare.Dns.AddAsync(zone, name, "bare");
        var provider = cloudflare.CreateProvider();

        await provider.CreateTxtAsync(Settings(cloudflare), name, "quoted", None);
        Assert.Single(cloudflare.Dns.Records(zone, name), r => r.Content == "\"quoted\"");

        await provider.DeleteTxtAsync(Settings(cloudflare), name, "quoted", None);
        await provider.DeleteTxtAsync(Settings(cloudflare), name, "bare", None);
        Assert.Empty(cloudflare.Dns.Records(zone, name));
        Assert.Empty(await bind.TxtAsync(name));
    }

    [Fact]
    public async Task The_closest_enclosing_zone_takes_the_record_and_a_name_in_no_zone_is_refused_clearly()
    {
        await using var cloudflare = await CloudflareSimulator.StartAsync(bind);
        var provider = cloudflare.CreateProvider();
        var name = $"deep.delegated.{BindFixture.DelegationZone}";

        await provider.CreateTxtAsync(Settings(cloudflare), name, "here", None);
        Assert.Equal(["here"], await bind.TxtAsync(name));
        Assert.Single(cloudflare.Dns.Records(cloudflare.Dns.Zones.Single(z => z.Name == BindFixture.DelegationZone), name));
        await provider.DeleteTxtAsync(Settings(cloudflare), name, "here", None);

        var error = await Assert.ThrowsAsync<DnsProviderException>(() =>
            provider.CreateTxtAsync(Settings(cloudflare), "_acme-challenge.elsewhere.example", "x", None));
        Assert.Contains("Cloudflare has no zone holding _acme-challenge.elsewhere.example", error.Message);
    }

    private static DnsProviderSettings Settings(CloudflareSimulator cloudflare) => new(cloudflare.Settings(), cloudflare.Secrets());
}
