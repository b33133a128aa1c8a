using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Acme;

namespace CertPortal.Tests.Acme;

/// <summary>The whole DNS-01 flow against Pebble, TXT records published in pebble-challtestsrv.</summary>
public static class Dns01Issuance
{
    public static async Task<(AcmeOrder Order, AcmeCertificateChain Chain)> IssueAsync(PebbleFixture pebble, AcmeClient client, params string[] names)
    {
        var order = await client.NewOrderAsync(names);
        foreach (var url in order.Authorizations)
            await ProveAsync(pebble, client, url);
        var ready = await client.WaitForOrderAsync(order.Location, TimeSpan.FromSeconds(30));
        Assert.Equal("ready", ready.Status);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var finalized = await client.FinalizeAsync(ready, Csr(key, names));
        var valid = await client.WaitForOrderAsync(finalized.Location, TimeSpan.FromSeconds(30));
        Assert.True(valid.Status == "valid", $"order is {valid.Status}: {valid.Error?.Explain()}");
        return (valid, await client.DownloadCertificateAsync(valid.Certificate!));
    }

    public static async Task<AcmeAuthorization> ProveAsync(PebbleFixture pebble, AcmeClient client, Uri authorizationUrl, bool publish = true)
    {
        var authorization = await client.GetAuthorizationAsync(authorizationUrl);
        var challenge = authorization.Challenges.Single(c => c.Type == "dns-01");
        var record = ChallengeAnswers.Dns01RecordName(authorization.Identifier.Value);
        if (publish)
            await pebble.SetTxtAsync(record, ChallengeAnswers.Dns01TxtValue(challenge.Token, client.Key));
        try
        {
            await client.RespondAsync(challenge);
            return await client.WaitForAuthorizationAsync(authorizationUrl, TimeSpan.FromSeconds(30));
        }
        finally
        {
            await pebble.ClearTxtAsync(record);
        }
    }

    public static byte[] Csr(ECDsa key, IReadOnlyList<string> names)
    {
        var request = new CertificateRequest($"CN={names[0].TrimStart('*', '.')}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
            san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSigningRequest();
    }

    public static X509Certificate2 Leaf(AcmeCertificateChain chain) => X509Certificate2.CreateFromPem(chain.Pem);
}
