using CertPortal.Tests.DnsProviders.Simulators;

namespace CertPortal.Tests.DnsProviders;

/// <summary>
/// End to end per cloud vendor: the provider writes to the vendor's simulator, the simulator publishes into BIND,
/// the portal waits until BIND answers, and Pebble validates by asking the same BIND.
/// </summary>
public sealed class Dns01ThroughCloudProvidersTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>
{
    [Theory]
    [MemberData(nameof(SimulatedVendors.Types), MemberType = typeof(SimulatedVendors))]
    public async Task Pebble_issues_a_certificate_with_the_txt_record_written_through_the_vendor_and_none_is_left(string type)
    {
        await using var vendor = await SimulatedVendors.StartAsync(type, peers.Bind);

        var recordName = await SolverIssuance.IssueAsync(peers.Pebble, LabDiscovery.Solver(peers.Bind.NameServer, peers.Bind.Port), vendor.CreateProvider(),
            new(vendor.Settings(), vendor.Secrets()), $"{type}.{BindFixture.Zone}", [Features.DnsProviders.Propagation.DnsServerAddress.Parse(peers.Bind.NameServer)], []);

        Assert.Equal($"_acme-challenge.{type}.{BindFixture.Zone}", recordName);
        Assert.Empty(await peers.Bind.TxtAsync(recordName));
        Assert.All(vendor.Dns.Zones, zone => Assert.Empty(vendor.Dns.Records(zone)));
    }
}
