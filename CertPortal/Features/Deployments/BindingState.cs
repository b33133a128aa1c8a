using CertPortal.Security;
using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Features.Deployments.Runs;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Deployments;

/// <summary>
/// A binding with what its newest run and its certificate's current version say about it, worked out by the database:
/// the newest run is one look-up in the (DeploymentId, QueuedAt, Status, AwaitingPerson) index per binding, so counts
/// and attention lists read no run rows.
/// </summary>
public sealed class BindingState : ICustomerOwned
{
    public Guid DeploymentId { get; init; }

    public Guid CustomerId { get; init; }

    public Guid CertificateId { get; init; }

    public Guid TargetId { get; init; }

    public DateTime CreatedAt { get; init; }

    public int? VerifiedVersion { get; init; }

    public string CertificateName { get; init; } = "";

    /// <summary>The certificate's current version; 0 while it has none.</summary>
    public int CurrentVersion { get; init; }

    /// <summary>Since when the current version is current (its NotBefore).</summary>
    public DateTime? CurrentSince { get; init; }

    /// <summary>
    /// The newest run's status, with <see cref="AwaitingMark"/> before it when that run waits for a technician; null
    /// when the binding never ran. One look-up gives both, where two columns would cost two per binding; queries
    /// compare this column, and <see cref="LastStatus"/> and <see cref="LastAwaitingPerson"/> read it in memory.
    /// </summary>
    public string? LastRun { get; init; }

    public const string AwaitingMark = "+";

    /// <summary>When the newest run finished, or started while it is still open (waiting for a technician); read only where a list shows it.</summary>
    public DateTime? LastRunAt { get; init; }

    /// <summary>The newest run's status (in memory only: queries use <see cref="LastRun"/>).</summary>
    public string? LastStatus => Split(LastRun).Status;

    /// <summary>Whether the newest run waits for a technician (in memory only).</summary>
    public bool LastAwaitingPerson => Split(LastRun).AwaitingPerson;

    public static (string? Status, bool AwaitingPerson) Split(string? lastRun) =>
        lastRun is not null && lastRun.StartsWith(AwaitingMark, StringComparison.Ordinal) ? (lastRun[AwaitingMark.Length..], true) : (lastRun, false);

    public static IQueryable<BindingState> Of(AppDbContext db, IQueryable<Deployment> bindings, ICertificateVersions versions)
    {
        var runs = db.Set<DeploymentRun>();
        var certificates = versions.CurrentVersions(db);
        // Scalar subqueries rather than joins: the database computes only the columns a query uses, and counts can group on them.
        return bindings.Select(d => new BindingState
        {
            DeploymentId = d.Id,
            CustomerId = d.CustomerId,
            CertificateId = d.CertificateId,
            TargetId = d.TargetId,
            CreatedAt = d.CreatedAt,
            VerifiedVersion = d.VerifiedVersion,
            CertificateName = certificates.Where(c => c.Id == d.CertificateId).Select(c => c.CommonName).FirstOrDefault() ?? "",
            CurrentVersion = certificates.Where(c => c.Id == d.CertificateId).Select(c => (int?)c.Version).FirstOrDefault() ?? 0,
            CurrentSince = certificates.Where(c => c.Id == d.CertificateId).Select(c => c.Since).FirstOrDefault(),
            // Newest by QueuedAt, as the run pages show them (two runs of one binding are never queued in the same tick).
            LastRun = runs.Where(r => r.DeploymentId == d.Id).OrderByDescending(r => r.QueuedAt)
                .Select(r => r.AwaitingPerson ? AwaitingMark + r.Status : r.Status).FirstOrDefault(),
            LastRunAt = runs.Where(r => r.DeploymentId == d.Id).OrderByDescending(r => r.QueuedAt)
                .Select(r => r.FinishedAt ?? r.StartedAt ?? (DateTime?)r.QueuedAt).FirstOrDefault(),
        });
    }

    // Outdated (DeploymentView.IsOutdated: a current version the target is not verified on) is written
    // (VerifiedVersion ?? 0) != CurrentVersion: the same for every state that can occur, with one look-up of the certificate.

    /// <summary>The states with <paramref name="need"/> (a <see cref="DeploymentNeeds"/> value), or with any need when it is null.</summary>
    public static IQueryable<BindingState> Needing(IQueryable<BindingState> states, string? need) => need switch
    {
        DeploymentNeeds.Failed => states.Where(s => EF.Constant(Failed).Contains(s.LastRun)),
        DeploymentNeeds.RolledBack => states.Where(s => EF.Constant(RolledBack).Contains(s.LastRun)),
        DeploymentNeeds.Waiting => states.Where(s => EF.Constant(Waiting).Contains(s.LastRun)),
        DeploymentNeeds.Outdated => states.Where(s => (s.VerifiedVersion ?? 0) != s.CurrentVersion),
        // One IN list, so the database looks the newest run up once per binding (each mention of LastRun is a look-up).
        _ => states.Where(s => EF.Constant(FailedRolledBackOrWaiting).Contains(s.LastRun) || (s.VerifiedVersion ?? 0) != s.CurrentVersion),
    };

    // Inlined into the SQL as IN lists (EF.Constant), so each is one comparison of the one look-up.
    private static readonly string[] Failed = [RunStatus.Failed, AwaitingMark + RunStatus.Failed];
    private static readonly string[] RolledBack = [RunStatus.RolledBack, AwaitingMark + RunStatus.RolledBack];
    private static readonly string[] Waiting = RunStatus.All.Select(status => AwaitingMark + status).ToArray();
    private static readonly string[] FailedRolledBackOrWaiting = [RunStatus.Failed, RunStatus.RolledBack, .. Waiting];
}
