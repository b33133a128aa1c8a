using CertPortal.Data;
using CertPortal.Features.Certificates.Accounts;
using CertPortal.Features.Certificates.Issuance;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// Reads the renewal book: auto-renewing ACME certificates whose next renewal falls before the horizon (with their
/// account and the CA's limits), and the orders of the last days, which still fill the CAs' windows.
/// </summary>
public sealed class RenewalForecast(IDbContextFactory<AppDbContext> dbFactory, CaLimitsCatalog catalog)
{
    /// <summary>How far ahead the renewal job spreads renewals and the planner shows them by default.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(60);

    private static readonly string[] Planned = [CertificateStatus.Valid, CertificateStatus.Expired, CertificateStatus.Failed];

    public async Task<RenewalBook> LoadAsync(DateTime now, DateTime until, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = await db.Set<AcmeRegistration>().AsNoTracking()
            .Select(a => new { a.Id, a.Name, a.DirectoryUrl }).ToDictionaryAsync(a => a.Id, ct);
        var lookback = now.AddDays(-LookbackDays(accounts.Values.Select(a => a.DirectoryUrl)));
        var runs = await db.Set<IssuanceRun>().AsNoTracking()
            .Where(r => r.StartedAt >= lookback && r.StartedAt <= now && r.OrderUrl != null)
            .Select(r => new { r.CertificateId, r.Kind, r.Status, r.StartedAt }).ToListAsync(ct);
        var ran = runs.Select(r => r.CertificateId).Distinct().ToList();
        var certificates = await db.Set<Certificate>().AsNoTracking()
            .Where(c => c.AcmeAccountId != null && c.NotBefore != null && c.NotAfter != null)
            .Where(c => c.AutoRenew && c.Source == CertificateSources.Acme && Planned.Contains(c.Status)
                        && (c.Status == CertificateStatus.Failed || c.RenewAfter < until)
                        || ran.Contains(c.Id))
            .ToListAsync(ct);

        var subjects = new Dictionary<Guid, RenewalSubject>();
        var planned = new List<RenewalSubject>();
        foreach (var certificate in certificates)
        {
            if (accounts.GetValueOrDefault(certificate.AcmeAccountId!.Value) is not { } account)
                continue;
            var subject = subjects[certificate.Id] = Subject(certificate, account.Id, account.Name, catalog.For(account.DirectoryUrl));
            if (certificate.AutoRenew && certificate.Source == CertificateSources.Acme && subject.Next(now) < until)
                planned.Add(subject);
        }
        var history = runs.Where(r => subjects.ContainsKey(r.CertificateId))
            .Select(r => new LimitEvent(subjects[r.CertificateId], r.StartedAt, r.Kind == "renew", Ordered: true, Issued: r.Status == "succeeded", Projected: false))
            .ToList();
        return new RenewalBook(planned, history);
    }

    private static RenewalSubject Subject(Certificate c, Guid accountId, string accountName, CaLimits limits)
    {
        var names = c.AllNames().Select(n => n.Trim().TrimEnd('.').ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        return new RenewalSubject(c.Id, c.CommonName, c.CustomerId, accountId, accountName, limits, Ari: c.RenewalInfoCheckAt != null,
            names.Select(RegisteredDomain.Of).Distinct().ToList(), string.Join(",", names), c.Status, c.NotBefore!.Value, c.NotAfter!.Value,
            c.RenewAfter, c.NextAttemptAt, c.SpreadFrom, c.SpreadReason);
    }

    // Orders made in the longest window still count; a week at Let's Encrypt.
    private int LookbackDays(IEnumerable<string> directories) =>
        directories.Select(catalog.For).Select(l => Math.Max(l.CertificatesWindowDays, (l.OrdersWindowHours + 23) / 24)).DefaultIfEmpty(7).Max();
}
