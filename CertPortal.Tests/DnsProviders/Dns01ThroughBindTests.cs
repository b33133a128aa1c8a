using System.Security.Cryptography;
using CertPortal.Acme;
using CertPortal.Features.DnsProviders.Propagation;
using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Tests.Acme;

namespace CertPortal.Tests.DnsProviders;

/// <summary>
/// The real path: the RFC 2136 provider writes into BIND, the portal waits until BIND answers, and Pebble validates by
/// asking the same BIND — directly, and through CNAME delegations into a second zone.
/// </summary>
public sealed class Dns01ThroughBindTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>
{
    private readonly Dns01Solver _solver = new(new PropagationChecker(TimeProvider.System));

    [Theory]
    [InlineData("www.example.test", BindFixture.Zone, "_acme-challenge.www.example.test")]
    [InlineData("delegated.example.test", BindFixture.DelegationZone, "delegated.challenges.test")]
    [InlineData("chained.example.test", BindFixture.DelegationZone, "chained.challenges.test")]
    public async Task A_certificate_is_issued_with_the_txt_record_where_the_cname_chain_ends_and_no_record_is_left(
        string name, string providerZone, string expectedRecord)
    {
        using var key = AcmeAccountKey.CreateEs256();
        var client = peers.Pebble.NewClient(key);
        await client.NewAccountAsync([]);
        var order = await client.NewOrderAsync([name]);
        var authorization = await client.GetAuthorizationAsync(order.Authorizations[0]);
        var challenge = authorization.Challenges.Single(c => c.Type == "dns-01");
        var steps = new List<string>();

        var published = await _solver.PublishAsync(new Rfc2136Provider(), Settings(providerZone), ChallengeAnswers.Dns01RecordName(name),
            ChallengeAnswers.Dns01TxtValue(challenge.Token, key), [DnsServerAddress.Parse(peers.Bind.NameServer)], TimeSpan.FromSeconds(20), steps.Add, CancellationToken.None);
        Assert.Equal(expectedRecord, published.RecordName);
        try
        {
            await client.RespondAsync(challenge);
            var validated = await client.WaitForAuthorizationAsync(authorization.Location, TimeSpan.FromSeconds(30));
            Assert.True(validated.Status == "valid", validated.Challenges.Single(c => c.Type == "dns-01").Error?.Explain());
        }
        finally
        {
            await published.RemoveAsync(CancellationToken.None);
        }

        using var certificateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var finalized = await client.FinalizeAsync(await client.WaitForOrderAsync(order.Location, TimeSpan.FromSeconds(10)), Dns01Issuance.Csr(certificateKey, [name]));
        Assert.Equal("valid", (await client.WaitForOrderAsync(finalized.Location, TimeSpan.FromSeconds(30))).Status);
        Assert.Empty(await peers.Bind.TxtAsync(expectedRecord));
        Assert.Contains(steps, s => s.Contains("answered by every server"));
    }

    [Fact]
    public async Task A_record_that_never_appears_times_out_with_a_clear_message_and_is_removed()
    {
        var neverThere = new Dns01Solver(new PropagationChecker(TimeProvider.System));
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
