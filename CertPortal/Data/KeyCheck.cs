using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Data;

/// <summary>
/// One row holding a known value sealed with the master key, so a start with the wrong key stops with a clear
/// message instead of reading garbage later. Holds no secret itself.
/// </summary>
public sealed class KeyCheck
{
    public const int SingletonId = 1;
    public const string KnownValue = "certportal-master-key-check";

    public int Id { get; set; } = SingletonId;

    public string KeyId { get; set; } = "";

    public string SealedValue { get; set; } = "";

    public DateTime UpdatedAt { get; set; }
}

internal sealed class KeyCheckConfiguration : IEntityTypeConfiguration<KeyCheck>
{
    public void Configure(EntityTypeBuilder<KeyCheck> builder)
    {
        builder.ToTable("KeyCheck");
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.KeyId).HasMaxLength(16);
        builder.Property(k => k.SealedValue).IsSecret();
    }
}
