using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Acme;
using CertPortal.Features.Certificates.Issuance;
using CertPortal.Tests.Acme;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Certificates;

/// <summary>The renewal job with a clock the test moves: on time, inside the CA's ARI window, and after failures with backoff.</summary>
public sealed class RenewalJobTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>, IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task Without_renewal_info_the_job_renews_when_a_third_of_the_lifetime_is_left_and_not_before()
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var id = await setup.RequestAsync("third.example.test");
        var issued = await setup.WaitForStatusAsync(id, "valid");
        var (notBefore, notAfter) = (issued.GetProperty("notBefore").GetDateTime(), issued.GetProperty("notAfter").GetDateTime());
        var renewAfter = issued.GetProperty("renewAfter").GetDateTime();
        var lifetime = notAfter - notBefore;
        Assert.InRange(notAfter - renewAfter, lifetime / 3, lifetime / 3 + lifetime / 30 + TimeSpan.FromSeconds(1));

        _portal.Clock.Advance(renewAfter - _portal.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(Guid.Parse(id), await RunJobAsync());

        _portal.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Contains(Guid.Parse(id), await RunJobAsync());
        var renewed = await setup.WaitAsync(id, c => c.GetProperty("versions").GetArrayLength() == 2 && c.GetProperty("status").GetString() == "valid");
        var nextNotAfter = renewed.GetProperty("notAfter").GetDateTime();
        var nextLifetime = nextNotAfter - renewed.GetProperty("notBefore").GetDateTime();
        Assert.InRange(nextNotAfter - renewed.GetProperty("renewAfter").GetDateTime(), nextLifetime / 3, nextLifetime / 3 + nextLifetime / 30 + TimeSpan.FromSeconds(1));
        var runs = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs");
        Assert.Equal("renew", runs[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task With_renewal_info_the_renewal_is_planned_inside_the_cas_window()
    {
        await using var ari = await AriDirectorySimulator.StartAsync(peers.Pebble);
        var start = DateTimeOffset.UtcNow.AddDays(20);
        ari.SuggestForAll(start, start.AddDays(2));
        var setup = await IssuanceSetup.CreateAsync(_portal, peers, directoryUrl: ari.DirectoryUrl);

        var id = await setup.RequestAsync("ari.example.test");
        var issued = await setup.WaitForStatusAsync(id, "valid");

        Assert.InRange(issued.GetProperty("renewAfter").GetDateTime(), start.UtcDateTime, start.UtcDateTime.AddDays(2));
        Assert.NotEmpty(ari.Asked);

        // The CA pulls the window forward (as before a mass revocation); after its Retry-After the job asks again and renews.
        ari.SuggestForAll(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));
        _portal.Clock.Advance(TimeSpan.FromHours(5));
        Assert.DoesNotContain(Guid.Parse(id), await RunJobAsync());
        _portal.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Contains(Guid.Parse(id), await RunJobAsync());
        await setup.WaitAsync(id, c => c.GetProperty("versions").GetArrayLength() == 2 && c.GetProperty("status").GetString() == "valid");
    }

    [Fact]
    public async Task A_failed_renewal_is_retried_after_its_backoff_and_then_succeeds()
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var id = await setup.RequestAsync("backoff.example.test");
        await setup.WaitForStatusAsync(id, "valid");
        var provider = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/dns-providers/{setup.DnsProviderId}");
        await PutSecretAsync(setup, provider, Convert.ToBase64String(new byte[32]));

        var renew = await setup.Api.PostAsync($"/api/v1/certificates/{id}/renew", null);
        Assert.Equal(HttpStatusCode.Accepted, renew.StatusCode);
        Assert.Equal("renewing", (await renew.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var failed = await setup.WaitForStatusAsync(id, "failed");
        Assert.Contains("TSIG secret is wrong", failed.GetProperty("lastError").GetString());
        var nextAttempt = failed.GetProperty("nextAttemptAt").GetDateTime();
        Assert.InRange(nextAttempt - _portal.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));
        Assert.Equal(1, failed.GetProperty("versions").GetArrayLength());

        Assert.DoesNotContain(Guid.Parse(id), await RunJobAsync());
        await PutSecretAsync(setup, provider, peers.Bind.TsigSecret);
        _portal.Clock.Advance(TimeSpan.FromMinutes(7));
        Assert.Contains(Guid.Parse(id), await RunJobAsync());
        var renewed = await setup.WaitAsync(id, c => c.GetProperty("versions").GetArrayLength() == 2 && c.GetProperty("status").GetString() == "valid");
        Assert.Equal(JsonValueKind.Null, renewed.GetProperty("lastError").ValueKind);
    }

    private async Task<IReadOnlyList<Guid>> RunJobAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<RenewalJob>(scope.ServiceProvider).RunOnceAsync(CancellationToken.None);
    }

    private static async Task PutSecretAsync(IssuanceSetup setup, JsonElement provider, string secret)
    {
        var response = await setup.Api.PutAsJsonAsync($"/api/v1/dns-providers/{setup.DnsProviderId}", new
        {
            name = provider.GetProperty("name").GetString(), type = "rfc2136", settings = provider.GetProperty("settings"), secrets = new { tsigSecret = secret },
        });
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _portal.Dispose();
}
