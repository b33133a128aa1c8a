using System.Security.Cryptography.X509Certificates;
using CertPortal.Acme;

namespace CertPortal.Tests.Acme;

public sealed class AlternateChainTests(PebbleWithAlternateRootsFixture pebble) : IClassFixture<PebbleWithAlternateRootsFixture>
{
    [Fact]
    public async Task The_preferred_chain_is_chosen_by_its_issuers_name_among_the_alternates()
    {
        using var key = AcmeAccountKey.CreateEs256();
        var client = pebble.NewClient(key);
        await client.NewAccountAsync([]);
        var (order, chain) = await Dns01Issuance.IssueAsync(pebble, client, "chains.example.test");
        var alternate = Assert.Single(chain.Alternates);

        var alternateIssuer = TopIssuer((await client.DownloadCertificateAsync(alternate)).Pem);
        Assert.NotEqual(TopIssuer(chain.Pem), alternateIssuer);

        var preferred = await client.DownloadCertificateAsync(order.Certificate!, preferredChain: alternateIssuer);
        Assert.Equal(alternateIssuer, TopIssuer(preferred.Pem));
        var fallback = await client.DownloadCertificateAsync(order.Certificate!, preferredChain: "No Such Root");
        Assert.Equal(TopIssuer(chain.Pem), TopIssuer(fallback.Pem));
    }

    private static string TopIssuer(string pem)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(pem);
        return certificates[^1].GetNameInfo(X509NameType.SimpleName, forIssuer: true);
    }
}
