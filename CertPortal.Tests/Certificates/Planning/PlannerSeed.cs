using System.Text.Json;
using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Features.Certificates.Accounts;
using CertPortal.Features.Deployments;
using CertPortal.Features.Targets;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Certificates.Planning;

/// <summary>
/// Writes ACME accounts, issued certificates, targets and bindings straight into the database: the planner only reads
/// rows, and no CA is ever asked (nothing seeded is due, so the renewal job queues nothing).
/// </summary>
public static class PlannerSeed
{
    public const string LetsEncrypt = "https://acme-v02.api.letsencrypt.org/directory";

    /// <summary>A CA the portal knows no limits of: the conservative default applies (renewals not exempt).</summary>
    public const string UnknownCa = "https://acme.unknown-ca.test/directory";

    public static async Task<Guid> SeedAccountAsync(this PortalFactory portal, string directoryUrl, Guid? customerId = null, string? name = null)
    {
        var account = new AcmeRegistration
        {
            Id = Guid.NewGuid(), CustomerId = customerId, Name = name ?? PortalSeed.UniqueName("Account"), DirectoryUrl = directoryUrl, Email = "ops@example.test",
            SealedAccountKey = "", AccountUrl = "https://ca.test/acct/1", CreatedAt = portal.Clock.GetUtcNow().UtcDateTime,
        };
        await SaveAsync(portal, db => db.Add(account));
        return account.Id;
    }

    /// <summary>
    /// Issued, auto-renewing certificates of <paramref name="lifetime"/> whose renewal is planned at
    /// <paramref name="renewAfter"/> (plus i seconds for the i-th); <paramref name="ari"/>: the CA gave a renewal window.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> SeedCertificatesAsync(this PortalFactory portal, Guid customerId, Guid accountId, int count,
        Func<int, string> name, DateTime renewAfter, TimeSpan lifetime, bool ari = false, TimeSpan? leftAtRenewal = null)
    {
        var now = portal.Clock.GetUtcNow().UtcDateTime;
        var notAfter = renewAfter + (leftAtRenewal ?? lifetime / 3);
        var certificates = Enumerable.Range(0, count).Select(i => new Certificate
        {
            Id = Guid.NewGuid(), CustomerId = customerId, CommonName = name(i), Source = CertificateSources.Acme, AcmeAccountId = accountId, AutoRenew = true,
            Status = CertificateStatus.Valid, CurrentVersion = 1, NotBefore = notAfter - lifetime, NotAfter = notAfter, RenewAfter = renewAfter.AddSeconds(i),
            RenewalInfoCheckAt = ari ? now.AddDays(1) : null, Issuer = "Test CA", SerialNumber = $"{i:x8}", CreatedAt = now, UpdatedAt = now,
        }).ToList();
        await SaveAsync(portal, db => db.AddRange(certificates));
        return certificates.Select(c => c.Id).ToList();
    }

    /// <summary>A target (with an optional maintenance window) and an automatic binding of the certificate to it.</summary>
    public static async Task<Guid> SeedBindingAsync(this PortalFactory portal, Guid customerId, Guid certificateId, string targetName, string? window)
    {
        var now = portal.Clock.GetUtcNow().UtcDateTime;
        var settings = new Dictionary<string, JsonElement> { ["checklist"] = JsonSerializer.SerializeToElement("Upload it") };
        if (window is not null)
            settings["maintenanceWindow"] = JsonSerializer.SerializeToElement(window);
        var target = new Target { Id = Guid.NewGuid(), CustomerId = customerId, Name = targetName, Type = "manual", Settings = settings, CreatedAt = now, UpdatedAt = now };
        var deployment = new Deployment { Id = Guid.NewGuid(), CustomerId = customerId, CertificateId = certificateId, TargetId = target.Id, AutoDeploy = true, BoundAtVersion = 1, CreatedAt = now };
        await SaveAsync(portal, db => { db.Add(target); db.Add(deployment); });
        return deployment.Id;
    }

    public static async Task<List<Certificate>> CertificatesAsync(this PortalFactory portal, IEnumerable<Guid> ids)
    {
        var list = ids.ToList();
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Set<Certificate>().AsNoTracking().Where(c => list.Contains(c.Id)).ToListAsync();
    }

    /// <summary><paramref name="hour"/>:00 UTC <paramref name="days"/> days ahead: 10:00 is an hour into the 09:00–12:00 order window.</summary>
    public static DateTime InWindow(this PortalFactory portal, int days, int hour = 10) =>
        portal.Clock.GetUtcNow().UtcDateTime.Date.AddDays(days).AddHours(hour);

    private static async Task SaveAsync(PortalFactory portal, Action<AppDbContext> change)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        change(db);
        await db.SaveChangesAsync();
    }
}
