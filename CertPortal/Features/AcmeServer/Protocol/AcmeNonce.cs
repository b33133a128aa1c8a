using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>
/// An anti-replay nonce handed out and not yet used (RFC 8555 §6.5). In the database, not in memory, so a nonce from
/// one instance is good at another and used once across all of them.
/// </summary>
public sealed class AcmeNonce
{
    public string Value { get; set; } = "";

    public DateTime ExpiresAt { get; set; }
}

internal sealed class AcmeNonceConfiguration : IEntityTypeConfiguration<AcmeNonce>
{
    public void Configure(EntityTypeBuilder<AcmeNonce> builder)
    {
        builder.ToTable("AcmeNonces");
        builder.HasKey(n => n.Value);
        builder.Property(n => n.Value).HasMaxLength(64);
        builder.HasIndex(n => n.ExpiresAt);
    }
}
