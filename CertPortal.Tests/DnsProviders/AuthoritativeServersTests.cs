using CertPortal.Features.DnsProviders.Propagation;
using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Tests.DnsProviders;

/// <summary>
/// Finding the servers to ask in the propagation check, with BIND as the bootstrap resolver and its port as the
/// authoritative port (its zones name ns1.example.test → 127.0.0.1).
/// </summary>
public sealed class AuthoritativeServersTests(BindFixture bind) : IClassFixture<BindFixture>
{
    [Theory]
    [InlineData("_acme-challenge.www.example.test", BindFixture.Zone)]
    [InlineData("example.test", BindFixture.Zone)]
    [InlineData("delegated.challenges.test", BindFixture.DelegationZone)]
    public async Task The_zone_and_its_name_servers_are_found_from_soa_and_ns(string name, string zone)
    {
        var found = await LabDiscovery.Through(bind.NameServer, bind.Port).FindAsync(name, CancellationToken.None);
        Assert.Equal(zone, found.Zone);
        var server = Assert.Single(found.Servers);
        Assert.Equal($"ns1.{BindFixture.Zone} (127.0.0.1:{bind.Port})", server.ToString());
        Assert.Empty(found.Unreachable);
    }

    [Fact]
    public async Task A_name_in_a_zone_whose_name_servers_do_not_answer_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<DnsProviderException>(() =>
            LabDiscovery.Through(bind.NameServer, bind.Port).FindAsync($"_acme-challenge.www.{BindFixture.UnreachableZone}", CancellationToken.None));
        Assert.Equal($"None of the name servers of {BindFixture.UnreachableZone} answered for it: ns1.{BindFixture.UnreachableZone} (127.0.0.2:{bind.Port}).", error.Message);
    }

    [Fact]
    public async Task A_resolver_that_does_not_answer_is_named_in_the_error()
    {
        var silent = $"127.0.0.1:{Infrastructure.FreePort.Next()}";
        var error = await Assert.ThrowsAsync<DnsProviderException>(() =>
            LabDiscovery.Through(silent, bind.Port).FindAsync($"www.{BindFixture.Zone}", CancellationToken.None));
        Assert.Contains($"{silent} did not answer", error.Message);
    }

    [Theory]
    [InlineData("_acme-challenge.www.example.test", "_acme-challenge.www.example.test", BindFixture.Zone)]
    [InlineData("_acme-challenge.chained.example.test", "chained.challenges.test", BindFixture.DelegationZone)]
    public async Task Without_resolvers_the_solver_follows_cnames_and_waits_on_the_discovered_servers_and_says_which(
        string challengeRecord, string expectedRecord, string zone)
    {
        var steps = new List<string>();
        var settings = new DnsProviderSettings(bind.Rfc2136Settings(zone), new Dictionary<string, string?> { ["tsigSecret"] = bind.TsigSecret });
        var published = await LabDiscovery.Solver(bind.NameServer, bind.Port).PublishAsync(new Rfc2136Provider(), settings, challengeRecord, "discovered",
            [], TimeSpan.FromSeconds(10), steps.Add, CancellationToken.None);
        try
        {
            Assert.Equal(expectedRecord, published.RecordName);
            Assert.Contains($"Asked the authoritative servers of {zone}: ns1.{BindFixture.Zone} (127.0.0.1:{bind.Port}).", steps);
            Assert.Contains(steps, s => s.Contains("answered by every server"));
        }
        finally
        {
            await published.RemoveAsync(CancellationToken.None);
        }
        Assert.Empty(await bind.TxtAsync(expectedRecord));
    }
}
