using CertPortal.Common.Runs;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Deployments.Runs;

/// <summary>One push of one certificate version to one target, with its steps (shown live) and what the endpoint served after.</summary>
public sealed class DeploymentRun : IRunWithSteps
{
    public Guid Id { get; set; }

    public Guid DeploymentId { get; set; }

    public int CertificateVersion { get; set; }

    public string Status { get; set; } = RunStatus.Queued;

    public List<RunStep> Steps { get; set; } = [];

    public string? ServedThumbprintSha256 { get; set; }

    public string TriggeredBy { get; set; } = "";

    /// <summary>Started by a person ("run now"): runs outside the target's maintenance window.</summary>
    public bool Forced { get; set; }

    /// <summary>A manual target's run that waits for a technician to do the change and mark it done (status stays running).</summary>
    public bool AwaitingPerson { get; set; }

    /// <summary>Who marked a manual run done; the run then goes on to verification.</summary>
    public string? ConfirmedBy { get; set; }

    /// <summary>Attempts so far; a failed run is tried again with backoff until <see cref="DeploymentRunner.MaxAttempts"/>.</summary>
    public int Attempt { get; set; }

    /// <summary>A queued retry waits until then.</summary>
    public DateTime? NotBefore { get; set; }

    public DateTime QueuedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }
}

internal sealed class DeploymentRunConfiguration : IEntityTypeConfiguration<DeploymentRun>
{
    public void Configure(EntityTypeBuilder<DeploymentRun> builder)
    {
        builder.ToTable("DeploymentRuns");
        // Covers "the newest run of each binding and its state" (dashboard counts, attention) without reading run rows.
        builder.HasIndex(r => new { r.DeploymentId, r.QueuedAt, r.Status, r.AwaitingPerson });
        builder.HasIndex(r => new { r.FinishedAt, r.Status });
        builder.HasIndex(r => r.Status);
        builder.HasOne<Deployment>().WithMany().HasForeignKey(r => r.DeploymentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.Property(r => r.Steps).HasJsonConversion();
    }
}
