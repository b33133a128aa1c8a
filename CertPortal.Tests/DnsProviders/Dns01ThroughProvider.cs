using System.Security.Cryptography;
using CertPortal.Acme;
using CertPortal.Features.DnsProviders.Propagation;
using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Tests.Acme;

namespace CertPortal.Tests.DnsProviders;

/// <summary>The whole DNS-01 issuance from Pebble with a provider writing the TXT record that BIND serves to Pebble.</summary>
public static class Dns01ThroughProvider
{
    /// <summary>
    /// Orders a certificate for <paramref name="name"/>, publishes the answer with the provider, waits until BIND answers
    /// it, has Pebble validate, removes the record whatever happens and finalizes. Returns where the TXT record was written.
    /// </summary>
    public static async Task<string> IssueAsync(PebbleOnBindFixture peers, IDnsProviderType provider, DnsProviderSettings settings, string name, Action<string>? progress = null)
    {
        using var key = AcmeAccountKey.CreateEs256();
        var client = peers.Pebble.NewClient(key);
        await client.NewAccountAsync([]);
        var order = await client.NewOrderAsync([name]);
        var authorization = await client.GetAuthorizationAsync(order.Authorizations[0]);
        var challenge = authorization.Challenges.Single(c => c.Type == "dns-01");

        var solver = new Dns01Solver(new PropagationChecker(TimeProvider.System));
        var published = await solver.PublishAsync(provider, settings, ChallengeAnswers.Dns01RecordName(name), ChallengeAnswers.Dns01TxtValue(challenge.Token, key),
            [DnsServerAddress.Parse(peers.Bind.NameServer)], TimeSpan.FromSeconds(20), progress, CancellationToken.None);
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
        return published.RecordName;
    }
}
