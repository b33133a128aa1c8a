using CertPortal.Acme;

namespace CertPortal.Tests.Acme;

/// <summary>CAs such as ZeroSSL, Google and DigiCert only open accounts bound to a key they issued (RFC 8555 §7.3.4).</summary>
public sealed class ExternalAccountBindingTests(PebbleWithEabFixture pebble) : IClassFixture<PebbleWithEabFixture>
{
    [Fact]
    public async Task The_directory_says_eab_is_required_and_an_account_without_it_is_refused_before_it_is_sent()
    {
        using var key = AcmeAccountKey.CreateEs256();
        var client = pebble.NewClient(key);
        Assert.True((await client.GetDirectoryAsync()).Meta?.ExternalAccountRequired);
        var error = await Assert.ThrowsAsync<AcmeException>(() => client.NewAccountAsync(["eab@msp.test"]));
        Assert.Equal("externalAccountRequired", error.Problem!.Kind);
        Assert.Contains("EAB key id and HMAC key", error.Message);
    }

    [Fact]
    public async Task An_account_bound_with_the_cas_key_id_and_hmac_key_is_created_and_can_order()
    {
        using var key = AcmeAccountKey.CreateEs256();
        var client = pebble.NewClient(key);
        var account = await client.NewAccountAsync(["eab@msp.test"], (PebbleFixture.EabKeyId, Base64Url.Decode(PebbleFixture.EabHmacKeyBase64Url)));
        Assert.Equal("valid", account.Status);
        var (order, _) = await Dns01Issuance.IssueAsync(pebble, client, "bound.example.test");
        Assert.Equal("valid", order.Status);
    }

    [Fact]
    public async Task A_wrong_hmac_key_is_refused_by_the_ca()
    {
        using var key = AcmeAccountKey.CreateEs256();
        var error = await Assert.ThrowsAsync<AcmeException>(() =>
            pebble.NewClient(key).NewAccountAsync([], (PebbleFixture.EabKeyId, new byte[32])));
        Assert.Equal("unauthorized", error.Problem!.Kind);
        Assert.Equal(403, error.Problem.Status);
    }
}
