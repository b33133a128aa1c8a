using CertPortal.Common.Runs;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Certificates.Issuance;

/// <summary>One attempt to issue or renew a certificate, with the steps it went through (shown live on the detail page).</summary>
public sealed class IssuanceRun : IRunWithSteps
{
    public Guid Id { get; set; }

    public Guid CertificateId { get; set; }

    /// <summary>"issue" or "renew".</summary>
    public string Kind { get; set; } = "issue";

    /// <summary>"running", "succeeded", "failed" or "interrupted" (the portal stopped during it).</summary>
    public string Status { get; set; } = "running";

    public string? OrderUrl { get; set; }

    public List<RunStep> Steps { get; set; } = [];

    public string? Error { get; set; }

    /// <summary>TXT records this run is writing or wrote and has not yet removed, so a restart after a crash can remove them.</summary>
    public List<ChallengeRecord> OpenRecords { get; set; } = [];

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }
}

/// <summary>A TXT record written for a challenge: which provider, where, which value.</summary>
public sealed record ChallengeRecord(Guid ProviderId, string RecordName, string Value);

internal sealed class IssuanceRunConfiguration : IEntityTypeConfiguration<IssuanceRun>
{
    public void Configure(EntityTypeBuilder<IssuanceRun> builder)
    {
        builder.ToTable("IssuanceRuns");
        builder.HasIndex(r => new { r.CertificateId, r.StartedAt });
        builder.HasIndex(r => new { r.FinishedAt, r.Status });
        builder.HasOne<Certificate>().WithMany().HasForeignKey(r => r.CertificateId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Steps).HasJsonConversion();
        builder.Property(r => r.OpenRecords).HasJsonConversion();
    }
}
