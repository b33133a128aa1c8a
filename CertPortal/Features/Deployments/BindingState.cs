using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Features.Deployments.Runs;

namespace CertPortal.Features.Deployments;

/// <summary>
/// A binding with what its newest run and its certificate's current version say about it, worked out by the database
/// (one indexed look-up of the newest run per binding), so counts and attention lists load no runs.
/// </summary>
public sealed class BindingState
{
    public Guid DeploymentId { get; init; }

    public Guid CustomerId { get; init; }

    public DateTime CreatedAt { get; init; }

    public int? VerifiedVersion { get; init; }

    /// <summary>The certificate's current version; 0 while it has none.</summary>
    public int CurrentVersion { get; init; }

    /// <summary>The newest run's status; null when the binding never ran.</summary>
    public string? LastStatus { get; init; }

    public bool LastAwaitingPerson { get; init; }

    public static IQueryable<BindingState> Of(AppDbContext db, IQueryable<Deployment> bindings, ICertificateVersions versions)
    {
        var runs = db.Set<DeploymentRun>();
        var current = versions.CurrentVersions(db);
        return bindings.Select(d => new BindingState
        {
            DeploymentId = d.Id,
            CustomerId = d.CustomerId,
            CreatedAt = d.CreatedAt,
            VerifiedVersion = d.VerifiedVersion,
            CurrentVersion = current.Where(c => c.Id == d.CertificateId).Select(c => (int?)c.Version).FirstOrDefault() ?? 0,
            LastStatus = runs.Where(r => r.DeploymentId == d.Id).OrderByDescending(r => r.QueuedAt).ThenByDescending(r => r.Id).Select(r => r.Status).FirstOrDefault(),
            LastAwaitingPerson = runs.Where(r => r.DeploymentId == d.Id).OrderByDescending(r => r.QueuedAt).ThenByDescending(r => r.Id)
                .Select(r => (bool?)r.AwaitingPerson).FirstOrDefault() == true,
        });
    }

    /// <summary>The states with <paramref name="need"/> (a <see cref="DeploymentNeeds"/> value), or with any need when it is null.</summary>
    public static IQueryable<BindingState> Needing(IQueryable<BindingState> states, string? need) => need switch
    {
        DeploymentNeeds.Failed => states.Where(s => s.LastStatus == RunStatus.Failed),
        DeploymentNeeds.RolledBack => states.Where(s => s.LastStatus == RunStatus.RolledBack),
        DeploymentNeeds.Waiting => states.Where(s => s.LastAwaitingPerson),
        DeploymentNeeds.Outdated => states.Where(s => s.CurrentVersion > 0 && s.VerifiedVersion != s.CurrentVersion),
        _ => states.Where(s => s.LastStatus == RunStatus.Failed || s.LastStatus == RunStatus.RolledBack || s.LastAwaitingPerson
                               || s.CurrentVersion > 0 && s.VerifiedVersion != s.CurrentVersion),
    };
}
