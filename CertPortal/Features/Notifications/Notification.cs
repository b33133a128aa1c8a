using CertPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Notifications;

/// <summary>
/// One send of one alert to one recipient: a mail address or a channel. Kept after it is sent, so the notification
/// log shows every send with its outcome, and a failed one can be sent again.
/// </summary>
public sealed class Notification : ICustomerOwnedOrShared
{
    public const int MaxErrorLength = 1000;

    public Guid Id { get; set; }

    /// <summary>The alert this send carries (<see cref="AlertEvent.Id"/>); an alert has one send per recipient.</summary>
    public Guid AlertId { get; set; }

    public string Kind { get; set; } = "";

    public Guid? CustomerId { get; set; }

    public string ObjectType { get; set; } = "";

    public Guid ObjectId { get; set; }

    /// <summary><see cref="SendChannels.Email"/>, or the type of the channel (webhook, slack, teams).</summary>
    public string Channel { get; set; } = SendChannels.Email;

    /// <summary>The channel sent through; null for mail.</summary>
    public Guid? ChannelId { get; set; }

    /// <summary>The mail address, or the channel's name when it was queued.</summary>
    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    /// <summary>The mail's text; for a channel the <see cref="AlertEvent"/> as JSON (the webhook body, byte for byte).</summary>
    public string Body { get; set; } = "";

    public string Outcome { get; set; } = NotificationOutcomes.Pending;

    public int Attempts { get; set; }

    /// <summary>When a pending send is due; null once it is sent or failed for good.</summary>
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>Why the last attempt failed (never a secret).</summary>
    public string? Error { get; set; }

    /// <summary>When the alert was queued.</summary>
    public DateTime At { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>A sender working on this row holds it until then, so two senders (or two instances) never send it twice.</summary>
    public DateTime? ClaimedUntil { get; set; }

    /// <summary>A new send of <paramref name="alert"/>, due now.</summary>
    public static Notification Queued(AlertEvent alert, string channel, Guid? channelId, string to, string subject, string body, DateTime now) => new()
    {
        Id = Guid.NewGuid(), AlertId = alert.Id, Kind = alert.Kind, CustomerId = alert.CustomerId, ObjectType = alert.ObjectType, ObjectId = alert.ObjectId,
        Channel = channel, ChannelId = channelId, To = to, Subject = subject, Body = body, Outcome = NotificationOutcomes.Pending, At = now, NextAttemptAt = now,
    };

    /// <summary>Records, without an attempt, that this cannot be sent as things are set up; the log can send it again later.</summary>
    public void NotSendable(string why) => (Outcome, NextAttemptAt, Error) = (NotificationOutcomes.Failed, null, why);
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.Kind).HasMaxLength(64);
        builder.Property(n => n.ObjectType).HasMaxLength(64);
        builder.Property(n => n.Channel).HasMaxLength(16);
        builder.Property(n => n.To).HasMaxLength(320);
        builder.Property(n => n.Subject).HasMaxLength(1000);
        builder.Property(n => n.Outcome).HasMaxLength(16);
        builder.Property(n => n.Error).HasMaxLength(Notification.MaxErrorLength);
        builder.HasIndex(n => new { n.Outcome, n.NextAttemptAt });
        builder.HasIndex(n => n.At);
        builder.HasIndex(n => new { n.CustomerId, n.At });
    }
}
