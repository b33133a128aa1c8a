using CertPortal.Acme;

namespace CertPortal.Tests.Acme;

public sealed class BadNonceRetryTests(PebbleRejectingNoncesFixture pebble) : IClassFixture<PebbleRejectingNoncesFixture>
{
    [Fact]
    public async Task Orders_complete_while_the_ca_refuses_a_fifth_of_all_nonces()
    {
        using var key = AcmeAccountKey.CreateEs256();
        var client = pebble.NewClient(key);
        await client.NewAccountAsync([]);
        for (var i = 0; i < 3; i++)
        {
            var (order, _) = await Dns01Issuance.IssueAsync(pebble, client, $"nonce-{i}.example.test");
            Assert.Equal("valid", order.Status);
        }
    }
}
