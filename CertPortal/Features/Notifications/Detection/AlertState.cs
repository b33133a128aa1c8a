using CertPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Notifications.Detection;

/// <summary>
/// One alert condition the portal has told people about, under a key that names it exactly (e.g.
/// <c>certificate.renewal-failed:{certificateId}</c>, <c>certificate.expiring:{id}:{notAfterTicks}:{days}</c>). While
/// it is open the same alert is not sent again; resolving it (a recovery) lets it be sent again later. The unique key
/// is what makes two scans at once send it once.
/// </summary>
public sealed class AlertState : ICustomerOwnedOrShared
{
    public Guid Id { get; set; }

    public string Key { get; set; } = "";

    /// <summary>An <see cref="AlertKinds"/> value, or <see cref="DigestKind"/>.</summary>
    public string Kind { get; set; } = "";

    public Guid ObjectId { get; set; }

    public Guid? CustomerId { get; set; }

    public DateTime OpenedAt { get; set; }

    public DateTime? ResolvedAt { get; set; }

    /// <summary>The alert raised when it opened; null when it was only marked done (a wider threshold passed unseen).</summary>
    public Guid? LastAlertId { get; set; }

    /// <summary>The daily digest's kind: one row per day it was sent.</summary>
    public const string DigestKind = "digest";

    public bool IsOpen => ResolvedAt is null;
}

internal sealed class AlertStateConfiguration : IEntityTypeConfiguration<AlertState>
{
    public void Configure(EntityTypeBuilder<AlertState> builder)
    {
        builder.ToTable("AlertStates");
        builder.Ignore(s => s.IsOpen);
        builder.Property(s => s.Key).HasMaxLength(200);
        builder.Property(s => s.Kind).HasMaxLength(40);
        builder.HasIndex(s => s.Key).IsUnique();
        builder.HasIndex(s => new { s.Kind, s.ResolvedAt });
    }
}
