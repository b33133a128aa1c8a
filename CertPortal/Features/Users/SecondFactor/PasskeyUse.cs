using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Users.SecondFactor;

/// <summary>When a passkey last signed someone in; Identity's passkey record keeps no such time.</summary>
public sealed class PasskeyUse
{
    public byte[] CredentialId { get; set; } = [];

    public string UserId { get; set; } = "";

    public DateTime LastUsedAt { get; set; }
}

internal sealed class PasskeyUseConfiguration : IEntityTypeConfiguration<PasskeyUse>
{
    public void Configure(EntityTypeBuilder<PasskeyUse> builder)
    {
        builder.HasKey(u => u.CredentialId);
        builder.Property(u => u.CredentialId).HasMaxLength(1024);
        builder.Property(u => u.UserId).HasMaxLength(450);
        builder.HasIndex(u => u.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
