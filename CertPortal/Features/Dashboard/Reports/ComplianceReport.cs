using CertPortal.Common;
using CertPortal.Features.Certificates;
using CertPortal.Features.Certificates.Files;
using CertPortal.Security;

namespace CertPortal.Features.Dashboard.Reports;

/// <summary>
/// Builds the compliance view from every issued certificate the actor may see (revoked ones are done with and left
/// out), with the key facts read from the stored certificates. The page and the API call this.
/// </summary>
public sealed class ComplianceReport(ReportScope scope, ICertificateInventory certificates, TimeProvider clock)
{
    public async Task<Result<ComplianceView>> BuildAsync(Guid? customerId, Actor actor, CancellationToken ct = default)
    {
        var found = await scope.CustomersAsync(customerId, actor, ct);
        if (!found.IsOk)
            return found.As<ComplianceView>();
        var customers = found.Value!;
        // One customer: its rows only; every customer the actor sees: all rows in one query.
        var only = customerId ?? actor.SingleCustomer;
        var names = customers.ToDictionary(c => c.Id, c => c.Name);
        var rows = (await certificates.RowsAsync(only, ct))
            .Where(r => r.CurrentVersion > 0 && r.Status != CertificateStatus.Revoked && names.ContainsKey(r.CustomerId)).ToList();
        var facts = await certificates.KeyFactsAsync(only, ct);
        var listed = rows.Select(r => Listed(r, names[r.CustomerId], facts.GetValueOrDefault(r.Id) ?? CertificateKeyFacts.Unknown)).ToList();
        var weak = listed.Where(c => c.Weak.Count > 0).Select(c => c.Certificate with { Reasons = c.Weak }).ToList();
        var notRenewed = listed.Where(c => c.NotRenewed.Count > 0).Select(c => c.Certificate with { Reasons = c.NotRenewed }).ToList();

        return Result<ComplianceView>.Ok(new ComplianceView(clock.GetUtcNow().UtcDateTime, only, rows.Count,
            Count(listed.Select(c => c.Certificate.Key)),
            Count(listed.Select(c => c.Certificate.SignatureAlgorithm)),
            Count(listed.Select(c => c.Certificate.Issuer ?? "—")),
            Ordered(weak), Ordered(notRenewed),
            customers.Select(c => new ComplianceCustomer(c.Id, c.Name, listed.Count(l => l.Certificate.CustomerId == c.Id),
                weak.Count(w => w.CustomerId == c.Id), notRenewed.Count(n => n.CustomerId == c.Id))).ToList()));
    }

    private static (ComplianceCertificate Certificate, IReadOnlyList<string> Weak, IReadOnlyList<string> NotRenewed) Listed(CertificateRow row, string customerName, CertificateKeyFacts facts)
    {
        var notRenewed = new List<string>();
        if (row.Source == CertificateSources.Import)
            notRenewed.Add("imported: renewed outside the portal");
        else if (!row.AutoRenew)
            notRenewed.Add("automatic renewal is off");
        var certificate = new ComplianceCertificate(row.Id, row.CustomerId, customerName, row.CommonName, row.Status, row.NotAfter, row.DaysLeft,
            row.Source, row.AutoRenew, facts.KeyLabel, facts.SignatureAlgorithm, row.Issuer, []);
        return (certificate, WeakCryptography.Reasons(facts), notRenewed);
    }

    private static List<ComplianceCount> Count(IEnumerable<string> names) =>
        names.GroupBy(n => n, StringComparer.Ordinal).Select(g => new ComplianceCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();

    // Soonest end first: what to replace first.
    private static List<ComplianceCertificate> Ordered(IEnumerable<ComplianceCertificate> certificates) =>
        certificates.OrderBy(c => c.NotAfter ?? DateTime.MaxValue).ThenBy(c => c.CommonName, StringComparer.OrdinalIgnoreCase).ToList();
}
