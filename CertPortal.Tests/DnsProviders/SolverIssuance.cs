using System.Security.Cryptography;
using CertPortal.Acme;
using CertPortal.Features.DnsProviders.Propagation;
using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Tests.Acme;

namespace CertPortal.Tests.DnsProviders;

/// <summary>One name proven to Pebble with the TXT record published by a real provider through the solver, then issued.</summary>
public static class SolverIssuance
{
    /// <summary>Issues a certificate for <paramref name="name"/>; returns where the TXT record was written.</summary>
    public static async Task<string> IssueAsync(PebbleFixture pebble, Dns01Solver solver, IDnsProviderType provider, DnsProviderSettings settings,
        string name, IReadOnlyList<DnsServerAddress> servers, List<string> steps)
    {
        using var key = AcmeAccountKey.CreateEs256();
        var client = pebble.NewClient(key);
        await client.NewAccountAsync([]);
        var order = await client.NewOrderAsync([name]);
        var authorization = await client.GetAuthorizationAsync(order.Authorizations[0]);
        var challenge = authorization.Challenges.Single(c => c.Type == "dns-01");

        var published = await solver.PublishAsync(provider, settings, ChallengeAnswers.Dns01RecordName(name),
            ChallengeAnswers.Dns01TxtValue(challenge.Token, key), servers, TimeSpan.FromSeconds(20), steps.Add, CancellationToken.None);
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
