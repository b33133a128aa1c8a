using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>
/// One name's authorization in an order, with its challenges folded in: both types share the token, and the one the
/// client answered is recorded, so a challenge is (authorization, type) and needs no row of its own.
/// </summary>
public sealed class AcmeServerAuthorization
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>The DNS name without a wildcard label (RFC 8555 §7.1.4).</summary>
    public string Identifier { get; set; } = "";

    public bool Wildcard { get; set; }

    /// <summary>pending, valid, invalid or deactivated.</summary>
    public string Status { get; set; } = AcmeStatus.Pending;

    public DateTime Expires { get; set; }

    public string Token { get; set; } = "";

    /// <summary>http-01 or dns-01: the challenge the client asked to be checked.</summary>
    public string? ChallengeType { get; set; }

    public DateTime? ValidatedAt { get; set; }

    public string? Error { get; set; }
}

internal sealed class AcmeServerAuthorizationConfiguration : IEntityTypeConfiguration<AcmeServerAuthorization>
{
    public void Configure(EntityTypeBuilder<AcmeServerAuthorization> builder)
    {
        builder.ToTable("AcmeServerAuthorizations");
        builder.Property(a => a.Identifier).HasMaxLength(255);
        builder.Property(a => a.Status).HasMaxLength(16);
        builder.Property(a => a.Token).HasMaxLength(64);
        builder.Property(a => a.ChallengeType).HasMaxLength(16);
        builder.Property(a => a.Error).HasMaxLength(4000);
        builder.HasIndex(a => a.OrderId);
        builder.HasOne<AcmeServerOrder>().WithMany().HasForeignKey(a => a.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
