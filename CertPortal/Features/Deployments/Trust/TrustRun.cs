using CertPortal.Common.Runs;
using CertPortal.Data;
using CertPortal.Features.Deployments.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Deployments.Trust;

/// <summary>One push of a CA and its CRL to one target, with its steps (shown live); statuses as <see cref="RunStatus"/>.</summary>
public sealed class TrustRun : IRunWithSteps
{
    public Guid Id { get; set; }

    public Guid TrustDeploymentId { get; set; }

    /// <summary>The CRL number pushed, read when the run starts (the newest then); 0 until it starts.</summary>
    public long CrlNumber { get; set; }

    public string Status { get; set; } = RunStatus.Queued;

    public List<RunStep> Steps { get; set; } = [];

    public string TriggeredBy { get; set; } = "";

    /// <summary>Started by a person ("run now"): runs outside the target's maintenance window.</summary>
    public bool Forced { get; set; }

    /// <summary>Attempts so far; a failed run is tried again with backoff until <see cref="DeploymentRunner.MaxAttempts"/>.</summary>
    public int Attempt { get; set; }

    /// <summary>A queued retry waits until then.</summary>
    public DateTime? NotBefore { get; set; }

    public DateTime QueuedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }
}

internal sealed class TrustRunConfiguration : IEntityTypeConfiguration<TrustRun>
{
    public void Configure(EntityTypeBuilder<TrustRun> builder)
    {
        builder.ToTable("TrustRuns");
        builder.HasIndex(r => new { r.TrustDeploymentId, r.QueuedAt });
        builder.HasIndex(r => r.Status);
        builder.HasOne<TrustDeployment>().WithMany().HasForeignKey(r => r.TrustDeploymentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.Property(r => r.Steps).HasJsonConversion();
    }
}
