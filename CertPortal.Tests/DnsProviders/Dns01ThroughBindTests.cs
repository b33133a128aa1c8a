using CertPortal.Features.DnsProviders.Propagation;
using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Tests.DnsProviders;

/// <summary>
/// The real path: the RFC 2136 provider writes into BIND, the portal waits until BIND answers, and Pebble validates by
/// asking the same BIND — directly, and through CNAME delegations into a second zone.
/// </summary>
public sealed class Dns01ThroughBindTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>
{
    private readonly Dns01Solver _solver = LabDiscovery.Solver(peers.Bind.NameServer, peers.Bind.Port);

    [Theory]
    [InlineData("www.example.test", BindFixture.Zone, "_acme-challenge.www.example.test")]
    [InlineData("delegated.example.test", BindFixture.DelegationZone, "delegated.challenges.test")]
    [InlineData("chained.example.test", BindFixture.DelegationZone, "chained.challenges.test")]
    public async Task A_certificate_is_issued_with_the_txt_record_where_the_cname_chain_ends_and_no_record_is_left(
        string name, string providerZone, string expectedRecord)
    {
        var steps = new List<string>();
        var recordName = await SolverIssuance.IssueAsync(peers.Pebble, _solver, new Rfc2136Provider(), Settings(providerZone), name,
            [DnsServerAddress.Parse(peers.Bind.NameServer)], steps);
        Assert.Equal(expectedRecord, recordName);
        Assert.Empty(await peers.Bind.TxtAsync(expectedRecord));
        Assert.Contains(steps, s => s.Contains("answered by every server"));
    }

    [Fact]
    public async Task A_record_that_never_appears_times_out_with_a_clear_message_and_is_removed()
    {
        var neverThere = LabDiscovery.Solver(peers.Bind.NameServer, peers.Bind.Port);
        var settings = Settings(BindFixture.Zone);
        var silent = new DnsServerAddress(System.Net.IPAddress.Loopback, Infrastructure.FreePort.Next());
        var error = await Assert.ThrowsAsync<DnsProviderException>(() => neverThere.PublishAsync(new Rfc2136Provider(), settings,
            "_acme-challenge.timeout.example.test", "value", [silent], TimeSpan.FromSeconds(3), null, CancellationToken.None));
        Assert.Contains("was not seen with the expected value", error.Message);
        Assert.Empty(await peers.Bind.TxtAsync("_acme-challenge.timeout.example.test"));
    }

    private DnsProviderSettings Settings(string zone) =>
        new(peers.Bind.Rfc2136Settings(zone), new Dictionary<string, string?> { ["tsigSecret"] = peers.Bind.TsigSecret });
}
