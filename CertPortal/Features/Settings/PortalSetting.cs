using CertPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Settings;

/// <summary>
/// One group of portal-wide settings (e.g. "smtp", "alerts"), kept as JSON under its key, with its secrets sealed
/// apart so a copy of the database reveals none of them.
/// </summary>
public sealed class PortalSetting
{
    public string Key { get; set; } = "";

    public string Json { get; set; } = "{}";

    /// <summary>The group's secrets as one JSON object sealed by the SecretProtector; null when there are none.</summary>
    public string? SealedSecrets { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class PortalSettingConfiguration : IEntityTypeConfiguration<PortalSetting>
{
    public void Configure(EntityTypeBuilder<PortalSetting> builder)
    {
        builder.ToTable("PortalSettings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(64);
        builder.Property(s => s.SealedSecrets).IsSecret();
    }
}
