using System.Text.RegularExpressions;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Certificates;
using CertPortal.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments;

/// <summary>
/// Names the Deployment entries of the audit log as "certificate → target" (a binding has no name of its own), linking
/// to the binding's page; a removed binding keeps the names its entries gave ("Bound www.example.com to target 'fw01'").
/// </summary>
internal sealed partial class DeploymentAuditSubjects(IDbContextFactory<AppDbContext> dbFactory, ICertificateVersions certificates, ITargetAccess targets)
    : IAuditSubjects
{
    public string EntityType => "Deployment";

    public async Task<IReadOnlyDictionary<string, AuditSubject>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bindings = await db.Set<Deployment>().AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.CertificateId, d.TargetId }).ToListAsync(ct);
        var certificateNames = await certificates.HeadlinesAsync(bindings.Select(b => b.CertificateId).Distinct().ToList(), ct);
        var targetNames = await targets.HeadlinesAsync(bindings.Select(b => b.TargetId).Distinct().ToList(), ct);
        return bindings.ToDictionary(b => b.Id.ToString(), b => new AuditSubject(
            Name(certificateNames.GetValueOrDefault(b.CertificateId)?.CommonName, targetNames.GetValueOrDefault(b.TargetId)?.Name), $"deployments/{b.Id}"));
    }

    public string? NameIn(string summary) => Binding().Match(summary) is { Success: true } match ? Name(match.Groups[1].Value, match.Groups[2].Value) : null;

    private static string Name(string? certificate, string? target) => $"{certificate ?? "—"} → {target ?? "—"}";

    [GeneratedRegex(@"(\S+) (?:to target|→) '([^']{1,200})'")]
    private static partial Regex Binding();
}
