using System.Security.Cryptography;
using CertPortal.Acme;
using CertPortal.Features.DnsProviders.Propagation;
using CertPortal.Tests.Acme;
using CertPortal.Tests.DnsProviders.Simulators;

namespace CertPortal.Tests.DnsProviders;

/// <summary>
/// End to end per cloud vendor: the provider writes to the vendor's simulator, the simulator publishes into BIND,
/// the portal waits until BIND answers, and Pebble validates by asking the same BIND.
/// </summary>
public sealed class Dns01ThroughCloudProvidersTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>
{
    private readonly Dns01Solver _solver = new(new PropagationChecker(TimeProvider.System));

    [Theory]
    [MemberData(nameof(SimulatedVendors.Types), MemberType = typeof(SimulatedVendors))]
    public async Task Pebble_issues_a_certificate_with_the_txt_record_written_through_the_vendor_and_none_is_left(string type)
    {
        await using var vendor = await SimulatedVendors.StartAsync(type, peers.Bind);
        var name = $"{type}.{BindFixture.Zone}";
        using var key = AcmeAccountKey.CreateEs256();
        var client = peers.Pebble.NewClient(key);
        await client.NewAccountAsync([]);
        var order = await client.NewOrderAsync([name]);
        var authorization = await client.GetAuthorizationAsync(order.Authorizations[0]);
        var challenge = authorization.Challenges.Single(c => c.Type == "dns-01");

        var published = await _solver.PublishAsync(vendor.CreateProvider(), new(vendor.Settings(), vendor.Secrets()), ChallengeAnswers.Dns01RecordName(name),
            ChallengeAnswers.Dns01TxtValue(challenge.Token, key), [DnsServerAddress.Parse(peers.Bind.NameServer)], TimeSpan.FromSeconds(20), null, CancellationToken.None);
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
        Assert.Empty(await peers.Bind.TxtAsync(published.RecordName));
        Assert.All(vendor.Dns.Zones, zone => Assert.Empty(vendor.Dns.Records(zone)));
    }
}
