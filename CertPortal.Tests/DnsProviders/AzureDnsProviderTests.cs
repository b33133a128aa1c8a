using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Tests.DnsProviders.Simulators;

namespace CertPortal.Tests.DnsProviders;

public sealed class AzureDnsProviderTests(BindFixture bind) : IClassFixture<BindFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task One_token_serves_every_change_until_it_nears_expiry()
    {
        await using var azure = await AzureDnsSimulator.StartAsync(bind);
        var provider = azure.CreateProvider();
        var name = $"_acme-challenge.token.{BindFixture.Zone}";

        await provider.CreateTxtAsync(Settings(azure), name, "one", None);
        await provider.CreateTxtAsync(Settings(azure), name, "two", None);
        await provider.DeleteTxtAsync(Settings(azure), name, "one", None);
        await provider.DeleteTxtAsync(Settings(azure), name, "two", None);

        Assert.Equal(1, azure.TokensIssued);
        Assert.Empty(await bind.TxtAsync(name));
    }

    [Fact]
    public async Task Without_the_dns_role_the_message_names_the_role_to_grant()
    {
        await using var azure = await AzureDnsSimulator.StartAsync(bind);
        azure.MayWrite = false;

        var error = await Assert.ThrowsAsync<DnsProviderException>(() =>
            azure.CreateProvider().CreateTxtAsync(Settings(azure), $"_acme-challenge.norole.{BindFixture.Zone}", "x", None));

        Assert.Contains($"The app registration {azure.ClientId} may not change the TXT records at _acme-challenge.norole.{BindFixture.Zone} (AuthorizationFailed); give it the DNS Zone Contributor role", error.Message);
    }

    [Fact]
    public async Task A_zone_azure_does_not_hold_and_a_name_outside_the_zone_are_refused_clearly()
    {
        await using var azure = await AzureDnsSimulator.StartAsync(bind);
        var provider = azure.CreateProvider();
        var unknownZone = new DnsProviderSettings(azure.Settings("other.test"), azure.Secrets());
        var error = await Assert.ThrowsAsync<DnsProviderException>(() => provider.CreateTxtAsync(unknownZone, "_acme-challenge.other.test", "x", None));
        Assert.Contains("Azure could not find the DNS zone (ParentResourceNotFound", error.Message);

        error = await Assert.ThrowsAsync<DnsProviderException>(() => provider.CreateTxtAsync(Settings(azure), "_acme-challenge.other.test", "x", None));
        Assert.Contains($"_acme-challenge.other.test is not inside the Azure DNS zone {BindFixture.Zone}", error.Message);
    }

    private static DnsProviderSettings Settings(AzureDnsSimulator azure) => new(azure.Settings(), azure.Secrets());
}
