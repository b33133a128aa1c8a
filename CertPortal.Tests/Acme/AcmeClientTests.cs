using System.Security.Cryptography.X509Certificates;
using CertPortal.Acme;

namespace CertPortal.Tests.Acme;

/// <summary>The ACME client against a real Pebble: accounts, DNS-01 orders, chains, revocation, rollover, errors.</summary>
public sealed class AcmeClientTests(PebbleFixture pebble) : IClassFixture<PebbleFixture>
{
    [Fact]
    public async Task A_name_and_its_wildcard_are_issued_over_dns01_and_the_chain_verifies_to_pebbles_root()
    {
        using var key = AcmeAccountKey.CreateEs256();
        var client = pebble.NewClient(key);
        var account = await client.NewAccountAsync(["ops@msp.test"]);
        Assert.Equal("valid", account.Status);

        var (_, chain) = await Dns01Issuance.IssueAsync(pebble, client, "shop.example.test", "*.shop.example.test");

        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(chain.Pem);
        var leaf = certificates[0];
        var names = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();
        Assert.Equal(["*.shop.example.test", "shop.example.test"], names.Order());
        using var verify = new X509Chain();
        verify.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        verify.ChainPolicy.CustomTrustStore.ImportFromPem(await pebble.RootPemAsync());
        verify.ChainPolicy.ExtraStore.AddRange(certificates);
        verify.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(verify.Build(leaf), string.Join("; ", verify.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public async Task An_rs256_account_is_found_again_by_its_key()
    {
        using var key = AcmeAccountKey.CreateRs256();
        var first = await pebble.NewClient(key).NewAccountAsync(["a@msp.test"]);
        var again = await pebble.NewClient(AcmeAccountKey.FromPkcs8(key.ExportPkcs8())).NewAccountAsync(["a@msp.test"]);
        Assert.Equal(first.Location, again.Location);
    }

    [Fact]
    public async Task A_missing_txt_record_fails_the_authorization_with_a_clear_unauthorized_problem()
    {
        using var key = AcmeAccountKey.CreateEs256();
        var client = pebble.NewClient(key);
        await client.NewAccountAsync([]);
        var order = await client.NewOrderAsync(["nothing-published.example.test"]);

        var authorization = await Dns01Issuance.ProveAsync(pebble, client, order.Authorizations[0], publish: false);

        Assert.Equal("invalid", authorization.Status);
        var problem = authorization.Challenges.Single(c => c.Type == "dns-01").Error!;
        Assert.Equal("unauthorized", problem.Kind);
        Assert.Contains("challenge record was missing or wrong", problem.Explain());
    }

    [Fact]
    public async Task A_revoked_certificate_shows_as_revoked_in_pebble()
    {
        using var key = AcmeAccountKey.CreateEs256();
        var client = pebble.NewClient(key);
        await client.NewAccountAsync([]);
        var (_, chain) = await Dns01Issuance.IssueAsync(pebble, client, "revoke-me.example.test");
        var leaf = Dns01Issuance.Leaf(chain);
        Assert.Equal("Valid", await pebble.CertificateStatusAsync(leaf));

        await client.RevokeAsync(leaf.RawData, reason: 4);

        Assert.Equal("Revoked", await pebble.CertificateStatusAsync(leaf));
        var twice = await Assert.ThrowsAsync<AcmeException>(() => client.RevokeAsync(leaf.RawData, reason: 4));
        Assert.Equal("alreadyRevoked", twice.Problem!.Kind);
    }

    [Fact]
    public async Task After_a_key_rollover_the_account_answers_to_the_new_key_only()
    {
        using var oldKey = AcmeAccountKey.CreateEs256();
        var client = pebble.NewClient(oldKey);
        var account = await client.NewAccountAsync(["roll@msp.test"]);
        var newKey = AcmeAccountKey.CreateEs256();

        await client.RolloverKeyAsync(newKey);

        Assert.Equal("valid", (await pebble.NewClient(newKey, account.Location).GetAccountAsync()).Status);
        var stale = await Assert.ThrowsAsync<AcmeException>(() => pebble.NewClient(oldKey, account.Location).GetAccountAsync());
        Assert.NotNull(stale.Problem);
    }

    [Fact]
    public async Task A_url_that_is_not_an_acme_directory_is_refused_clearly()
    {
        using var key = AcmeAccountKey.CreateEs256();
        var wrong = new AcmeClient(AcmeClient.CreateHttpClient(pebble.TlsRootPem), new Uri($"https://127.0.0.1:{pebble.ManagementPort}/roots/0"), key);
        var error = await Assert.ThrowsAsync<AcmeException>(() => wrong.NewAccountAsync([]));
        Assert.Contains("ACME directory", error.Message);
    }
}
