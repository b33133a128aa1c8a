using System.Security.Cryptography.X509Certificates;
using CertPortal.Acme;
using CertPortal.Data;
using CertPortal.Features.Certificates.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates.Issuance;

/// <summary>
/// Asks the CA again for its renewal window (RFC 9773 §4.3: clients poll renewalInfo, as often as its Retry-After
/// says) and moves the renewal time when the window moved, e.g. ahead of a mass revocation.
/// </summary>
public sealed class RenewalInfoRefresh(IDbContextFactory<AppDbContext> dbFactory, AcmeAccountClients clients, TimeProvider clock, ILogger<RenewalInfoRefresh> logger)
{
    private const int BatchSize = 100;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.Set<Certificate>()
            .Where(c => c.AutoRenew && c.Status == CertificateStatus.Valid && c.RenewalInfoCheckAt != null && c.RenewalInfoCheckAt <= now)
            .OrderBy(c => c.RenewalInfoCheckAt).Take(BatchSize).ToListAsync(ct);
        var moved = 0;
        foreach (var certificate in due)
        {
            var account = await db.Set<AcmeRegistration>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == certificate.AcmeAccountId, ct);
            var version = await db.Set<CertificateVersion>().AsNoTracking()
                .SingleOrDefaultAsync(v => v.CertificateId == certificate.Id && v.Version == certificate.CurrentVersion, ct);
            if (account is null || version is null)
                continue;
            RenewalInfo? info = null;
            try
            {
                using var leaf = X509Certificate2.CreateFromPem(version.LeafPem);
                info = await clients.Open(account).GetRenewalInfoAsync(leaf, ct);
            }
            catch (Exception e) when (e is HttpRequestException or AcmeException or TaskCanceledException or System.Text.Json.JsonException or KeyNotFoundException or FormatException)
            {
                logger.LogInformation("Renewal info for {Certificate} could not be read: {Reason}", certificate.CommonName, e.Message);
            }
            certificate.RenewalInfoCheckAt = now + (info?.RetryAfter is { } retry && retry > TimeSpan.FromMinutes(1) ? retry : TimeSpan.FromHours(6));
            if (info is not null && (certificate.RenewAfter < info.WindowStart.UtcDateTime || certificate.RenewAfter > info.WindowEnd.UtcDateTime))
            {
                certificate.ScheduleRenewal(RenewalSchedule.InWindow(info, Random.Shared));
                moved++;
            }
        }
        await db.SaveChangesAsync(ct);
        return moved;
    }
}
