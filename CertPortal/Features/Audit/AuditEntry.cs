using CertPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Audit;

/// <summary>One thing a person, token, job or command did, or tried to. Never holds a secret.</summary>
public sealed class AuditEntry : ICustomerOwnedOrShared
{
    public const int ActorLength = 256, ShortLength = 64, SummaryLength = 1000;

    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>User email, <c>token:NAME</c>, <c>job:NAME</c>, <c>cli:COMMAND</c> or <c>anonymous</c>.</summary>
    public string Actor { get; set; } = "";

    public ActorKind ActorKind { get; set; }

    public string? Ip { get; set; }

    /// <summary>Dotted verb, e.g. <c>customer.create</c>, <c>user.sign-in</c>.</summary>
    public string Action { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string? EntityId { get; set; }

    /// <summary>The customer the entity belongs to, so customer-scoped tokens see only their own history.</summary>
    public Guid? CustomerId { get; set; }

    public AuditOutcome Outcome { get; set; }

    public string Summary { get; set; } = "";
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(e => e.Actor).HasMaxLength(AuditEntry.ActorLength);
        builder.Property(e => e.Ip).HasMaxLength(AuditEntry.ShortLength);
        builder.Property(e => e.Action).HasMaxLength(AuditEntry.ShortLength);
        builder.Property(e => e.EntityType).HasMaxLength(AuditEntry.ShortLength);
        builder.Property(e => e.EntityId).HasMaxLength(AuditEntry.ShortLength);
        builder.Property(e => e.Summary).HasMaxLength(AuditEntry.SummaryLength);
        builder.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        builder.HasIndex(e => e.Actor);
        builder.HasIndex(e => e.CustomerId);
    }
}
