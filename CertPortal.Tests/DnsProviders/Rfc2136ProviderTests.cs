using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Tests.DnsProviders;

public sealed class Rfc2136ProviderTests(BindFixture bind) : IClassFixture<BindFixture>
{
    private readonly Rfc2136Provider _provider = new();

    [Fact]
    public async Task A_tsig_signed_update_adds_the_txt_record_and_removes_only_its_own_value()
    {
        var name = $"_acme-challenge.www.{BindFixture.Zone}";
        await _provider.CreateTxtAsync(Settings(), name, "first-value", CancellationToken.None);
        await _provider.CreateTxtAsync(Settings(), name, "second-value", CancellationToken.None);
        Assert.Equal(["first-value", "second-value"], (await bind.TxtAsync(name)).Order());

        await _provider.DeleteTxtAsync(Settings(), name, "first-value", CancellationToken.None);
        Assert.Equal(["second-value"], await bind.TxtAsync(name));
        await _provider.DeleteTxtAsync(Settings(), name, "second-value", CancellationToken.None);
        Assert.Empty(await bind.TxtAsync(name));
    }

    [Fact]
    public async Task A_wrong_tsig_secret_is_refused_with_a_message_that_says_so()
    {
        var wrong = Settings(secret: Convert.ToBase64String(new byte[32]));
        var error = await Assert.ThrowsAsync<DnsProviderException>(() =>
            _provider.CreateTxtAsync(wrong, $"_acme-challenge.bad.{BindFixture.Zone}", "x", CancellationToken.None));
        Assert.Contains("TSIG secret is wrong", error.Message);
        Assert.DoesNotContain(Convert.ToBase64String(new byte[32]), error.Message);
        Assert.Empty(await bind.TxtAsync($"_acme-challenge.bad.{BindFixture.Zone}"));
    }

    [Fact]
    public async Task A_zone_the_server_does_not_serve_is_refused_clearly()
    {
        var error = await Assert.ThrowsAsync<DnsProviderException>(() =>
            _provider.CreateTxtAsync(Settings(zone: "unknown.test"), "_acme-challenge.unknown.test", "x", CancellationToken.None));
        Assert.Contains("NOTAUTH", error.Message);
    }

    [Fact]
    public async Task A_name_outside_the_zone_is_refused_before_anything_is_sent()
    {
        var error = await Assert.ThrowsAsync<DnsProviderException>(() =>
            _provider.CreateTxtAsync(Settings(), "_acme-challenge.other.test", "x", CancellationToken.None));
        Assert.Contains("is not inside the zone", error.Message);
    }

    private DnsProviderSettings Settings(string? secret = null, string zone = BindFixture.Zone) =>
        new(bind.Rfc2136Settings(zone), new Dictionary<string, string?> { ["tsigSecret"] = secret ?? bind.TsigSecret });
}
