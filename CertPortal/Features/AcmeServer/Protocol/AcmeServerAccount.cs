using CertPortal.Features.AcmeServer.Eab;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>An ACME account at one CA's directory: its public key (JWK) and the EAB key it was bound with.</summary>
public sealed class AcmeServerAccount : ICustomerOwned
{
    public Guid Id { get; set; }

    public Guid CaId { get; set; }

    public Guid CustomerId { get; set; }

    public Guid EabKeyId { get; set; }

    /// <summary>The public JWK with only its required members, as RFC 7638 hashes it.</summary>
    public string JwkJson { get; set; } = "";

    /// <summary>RFC 7638 thumbprint: one account per key per CA.</summary>
    public string Thumbprint { get; set; } = "";

    /// <summary>valid or deactivated (RFC 8555 §7.1.6).</summary>
    public string Status { get; set; } = "valid";

    public List<string> Contact { get; set; } = [];

    public DateTime CreatedAt { get; set; }
}

internal sealed class AcmeServerAccountConfiguration : IEntityTypeConfiguration<AcmeServerAccount>
{
    public void Configure(EntityTypeBuilder<AcmeServerAccount> builder)
    {
        builder.ToTable("AcmeServerAccounts");
        builder.Property(a => a.JwkJson).HasMaxLength(2000);
        builder.Property(a => a.Thumbprint).HasMaxLength(64);
        builder.Property(a => a.Status).HasMaxLength(16);
        builder.PrimitiveCollection(a => a.Contact);
        builder.HasIndex(a => new { a.CaId, a.Thumbprint }).IsUnique();
        builder.HasOne<AcmeEabKey>().WithMany().HasForeignKey(a => a.EabKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}
