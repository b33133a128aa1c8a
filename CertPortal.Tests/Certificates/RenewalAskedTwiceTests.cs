using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Features.Certificates.Issuance;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Certificates;

/// <summary>
/// A renewal asked twice at the same moment, or asked while the scheduler finds it due, is one order: each duplicate
/// would spend the CA's weekly limit for the same names.
/// </summary>
public sealed class RenewalAskedTwiceTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>, IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task Two_renew_calls_at_the_same_moment_for_each_of_ten_certificates_renew_each_once()
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
            ids.Add(await setup.RequestAsync($"twice-{i}.example.test", autoRenew: false));
        foreach (var id in ids)
            await setup.WaitForStatusAsync(id, "valid");

        using var go = new ManualResetEventSlim();
        var calls = ids.SelectMany(id => new[] { id, id }).Select(id => Task.Run(async () =>
        {
            go.Wait();
            return await setup.Api.PostAsync($"/api/v1/certificates/{id}/renew", null);
        })).ToList();
        go.Set();
        var answers = await Task.WhenAll(calls);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));

        foreach (var id in ids)
            await setup.WaitAsync(id, c => c.GetProperty("versions").GetArrayLength() >= 2 && c.GetProperty("status").GetString() == "valid", 180);
        // A second order would start right after the first ends; give it the time one order takes here.
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var id in ids)
        {
            var certificate = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}");
            Assert.Equal("valid", certificate.GetProperty("status").GetString());
            Assert.Equal(2, certificate.GetProperty("versions").GetArrayLength());
            var runs = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs");
            Assert.Equal(1, runs.EnumerateArray().Count(r => r.GetProperty("kind").GetString() == "renew"));
        }
        var audited = await _portal.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<CertPortal.Features.Audit.AuditEntry>()
            .CountAsync(e => e.Action == "certificate.renew-now"));
        Assert.Equal(10, audited);
    }

    [Fact]
    public async Task Of_two_starts_from_the_same_reading_only_the_first_starts_an_order()
    {
        var customer = await _portal.SeedCustomerAsync();
        var now = _portal.Clock.GetUtcNow().UtcDateTime;
        var id = Guid.NewGuid();
        await _portal.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Add(new Certificate
            {
                Id = id, CustomerId = customer.Id, CommonName = "race.example.test", Source = CertificateSources.Acme, KeyType = "ec256",
                Status = CertificateStatus.Valid, CurrentVersion = 1, CreatedAt = now, UpdatedAt = now,
            });
            return await db.SaveChangesAsync();
        });

        // Both read the certificate as valid, as the scheduler and a person would at the same moment.
        var factory = _portal.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var first = await factory.CreateDbContextAsync();
        await using var second = await factory.CreateDbContextAsync();
        var seenByFirst = await first.Set<Certificate>().SingleAsync(c => c.Id == id);
        var seenBySecond = await second.Set<Certificate>().SingleAsync(c => c.Id == id);

        Assert.True(await OrderStart.TryStartAsync(first, seenByFirst, now.AddSeconds(1), default));
        Assert.False(await OrderStart.TryStartAsync(second, seenBySecond, now.AddSeconds(1), default));
        Assert.Equal(CertificateStatus.Renewing, seenByFirst.Status);
        Assert.Equal(CertificateStatus.Valid, seenBySecond.Status);

        // Finished and read again, it can be started again: the guard is the reading, not a lock that stays.
        await first.Set<Certificate>().Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CertificateStatus.Valid).SetProperty(c => c.CurrentVersion, 2));
        await using var third = await factory.CreateDbContextAsync();
        Assert.True(await OrderStart.TryStartAsync(third, await third.Set<Certificate>().SingleAsync(c => c.Id == id), now.AddSeconds(2), default));
    }

    public void Dispose() => _portal.Dispose();
}
