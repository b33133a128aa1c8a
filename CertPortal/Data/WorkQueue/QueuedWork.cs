using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Data.WorkQueue;

/// <summary>
/// One piece of background work waiting or under way (an order for a certificate, a deployment run), kept as a row so
/// that every instance on the same database sees it and another takes it up when the one working it dies.
/// </summary>
public sealed class QueuedWork
{
    public Guid Id { get; set; }

    /// <summary>Which queue: <c>issuance</c> or <c>deployment</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>What to work: a certificate id or a run id. One row per kind and subject, so queuing twice is once.</summary>
    public Guid SubjectId { get; set; }

    /// <summary>At most one claimed row per kind and lock key (a certificate, a target): one run per device at a time.</summary>
    public Guid LockKey { get; set; }

    public DateTime QueuedAt { get; set; }

    /// <summary>The instance working it (<see cref="QueueInstance"/>); null while it waits.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>
    /// Until when the claim holds unless renewed. Null on a claimed row means its holder is known to be gone (its own
    /// restart, or any start on SQLite), so the row may be taken at once.
    /// </summary>
    public DateTime? LeaseUntil { get; set; }

    /// <summary>Asked for again while claimed: released for another turn when the current one ends, not deleted.</summary>
    public bool Again { get; set; }
}

internal sealed class QueuedWorkConfiguration : IEntityTypeConfiguration<QueuedWork>
{
    public void Configure(EntityTypeBuilder<QueuedWork> builder)
    {
        builder.ToTable("QueuedWork");
        builder.Property(w => w.Kind).HasMaxLength(20);
        builder.Property(w => w.ClaimedBy).HasMaxLength(300);
        builder.HasIndex(w => new { w.Kind, w.SubjectId }).IsUnique();
        builder.HasIndex(w => new { w.Kind, w.QueuedAt });
        builder.HasIndex(w => new { w.Kind, w.LockKey });
    }
}
