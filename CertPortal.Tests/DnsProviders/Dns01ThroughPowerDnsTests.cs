namespace CertPortal.Tests.DnsProviders;

/// <summary>
/// The powerdns provider writes through the PowerDNS API; the portal finds pdns.test's name server on its own and waits
/// there; Pebble validates through a BIND that forwards pdns.test to PowerDNS, as a CA's resolver would find it.
/// </summary>
public sealed class Dns01ThroughPowerDnsTests(PebbleOnPowerDnsFixture peers) : IClassFixture<PebbleOnPowerDnsFixture>
{
    [Fact]
    public async Task A_certificate_is_issued_through_powerdns_with_the_authoritative_server_discovered_and_no_record_left()
    {
        var steps = new List<string>();
        // The portal's lookups go to PowerDNS itself, not through Pebble's BIND: BIND keeps the "no such name" of the
        // CNAME lookup made before the write for up to a second (even at TTL 0), and Pebble would get that instead.
        // On the Internet the CA's resolvers are not the portal's, so this only concerns the lab.
        var solver = LabDiscovery.Solver(peers.PowerDns.NameServer, peers.PowerDns.DnsPort);
        var recordName = await SolverIssuance.IssueAsync(peers.Pebble, solver, PowerDnsFixture.NewProvider(), peers.PowerDns.Settings(zone: null),
            $"www.{PowerDnsFixture.Zone}", [], steps);

        Assert.Equal($"_acme-challenge.www.{PowerDnsFixture.Zone}", recordName);
        Assert.Contains($"Asked the authoritative servers of {PowerDnsFixture.Zone}: ns1.{PowerDnsFixture.Zone} (127.0.0.1:{peers.PowerDns.DnsPort}).", steps);
        Assert.Empty(await peers.PowerDns.TxtAsync(recordName));
    }
}
