using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>
/// An ACME order (RFC 8555 §7.1.3). Stored status is pending, processing, valid or invalid; "ready" is worked out
/// from its authorizations when read. The issued certificate lives in the client-certificate inventory.
/// </summary>
public sealed class AcmeServerOrder
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public Guid CaId { get; set; }

    public string Status { get; set; } = AcmeStatus.Pending;

    /// <summary>The DNS names asked for, lowercase, wildcards as <c>*.example.com</c>.</summary>
    public List<string> Identifiers { get; set; } = [];

    public string Profile { get; set; } = AcmeProfiles.Default;

    public DateTime Expires { get; set; }

    /// <summary>The ClientCertificates row once issued.</summary>
    public Guid? CertificateId { get; set; }

    /// <summary>The problem document (JSON) that made the order invalid.</summary>
    public string? Error { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class AcmeServerOrderConfiguration : IEntityTypeConfiguration<AcmeServerOrder>
{
    public void Configure(EntityTypeBuilder<AcmeServerOrder> builder)
    {
        builder.ToTable("AcmeServerOrders");
        builder.Property(o => o.Status).HasMaxLength(16);
        builder.Property(o => o.Profile).HasMaxLength(32);
        builder.Property(o => o.Error).HasMaxLength(4000);
        builder.PrimitiveCollection(o => o.Identifiers);
        builder.HasIndex(o => o.AccountId);
        builder.HasIndex(o => o.CertificateId);
        builder.HasOne<AcmeServerAccount>().WithMany().HasForeignKey(o => o.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
