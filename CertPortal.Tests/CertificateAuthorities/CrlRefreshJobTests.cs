using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Features.CertificateAuthorities.Revocation;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.CertificateAuthorities;

/// <summary>The hourly job with a clock the test moves: a new CRL at half its validity, a new OCSP signer before the old one ends.</summary>
public sealed class CrlRefreshJobTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task A_crl_is_signed_again_at_half_its_validity_and_the_ocsp_signer_is_renewed_a_month_before_it_ends()
    {
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        var created = await (await api.PostAsJsonAsync("/api/v1/cas", new { name = "Job CA", subject = "CN=Job CA", keyType = "ec256", validityDays = 3650 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = Guid.Parse(created.GetProperty("id").GetString()!);
        Assert.Equal(1, created.GetProperty("crlNumber").GetInt64());

        _portal.Clock.Advance(TimeSpan.FromHours(80));
        Assert.DoesNotContain(id, await RunJobAsync());
        _portal.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Contains(id, await RunJobAsync());
        var after = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cas/{id}");
        Assert.Equal(2, after.GetProperty("crlNumber").GetInt64());
        Assert.True(after.GetProperty("crlNextUpdate").GetDateTime() > _portal.Clock.GetUtcNow().UtcDateTime.AddHours(160));

        var signerBefore = await SignerPemAsync(id);
        _portal.Clock.Advance(TimeSpan.FromDays(300));
        await RunJobAsync();
        Assert.Equal(signerBefore, await SignerPemAsync(id));
        _portal.Clock.Advance(TimeSpan.FromDays(40));
        await RunJobAsync();
        Assert.NotEqual(signerBefore, await SignerPemAsync(id));
        var audit = await api.GetStringAsync($"/api/v1/audit?entityId={id}&action=ca.ocsp-signer");
        Assert.Contains("new delegated OCSP signing certificate", audit);
    }

    private async Task<IReadOnlyList<Guid>> RunJobAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<CrlRefreshJob>(scope.ServiceProvider).RunOnceAsync(CancellationToken.None);
    }

    private Task<string?> SignerPemAsync(Guid id) => _portal.InScopeAsync(async sp =>
    {
        await using var db = await sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CertPortal.Data.AppDbContext>>().CreateDbContextAsync();
        return (await db.FindAsync<CertPortal.Features.CertificateAuthorities.CertificateAuthority>(id))!.OcspSignerPem;
    });

    public void Dispose() => _portal.Dispose();
}
