using CertPortal.Security;
using System.Text.Json;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Notifications.Channels;

/// <summary>
/// Somewhere besides mail that alerts go: a signed JSON webhook, a Slack or a Microsoft Teams webhook. It serves every
/// customer or one, and only the event kinds chosen; its URL (Slack, Teams) or signing key (webhook) is sealed.
/// </summary>
public sealed class NotificationChannel : ICustomerOwnedOrShared
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>webhook, slack or teams (<see cref="SendChannels.ChannelTypes"/>).</summary>
    public string Type { get; set; } = "";

    /// <summary>The one customer whose alerts this channel gets; null for every customer's.</summary>
    public Guid? CustomerId { get; set; }

    /// <summary>The <see cref="AlertKinds"/> this channel gets.</summary>
    public List<string> Events { get; set; } = [];

    public Dictionary<string, JsonElement> Settings { get; set; } = [];

    /// <summary>JSON of the secret fields, sealed by the SecretProtector. Never leaves the slice unsealed.</summary>
    public string? SealedSecrets { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class NotificationChannelConfiguration : IEntityTypeConfiguration<NotificationChannel>
{
    public void Configure(EntityTypeBuilder<NotificationChannel> builder)
    {
        builder.ToTable("NotificationChannels");
        builder.Property(c => c.Name).HasMaxLength(ChannelService.MaxNameLength).UseCollation(CaseInsensitiveText.Collation);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.Type).HasMaxLength(16);
        builder.PrimitiveCollection(c => c.Events);
        builder.Property(c => c.Settings).HasJsonConversion();
        builder.Property(c => c.SealedSecrets).IsSecret();
    }
}
