namespace CertPortal.Features.Notifications;

/// <summary>
/// One send as the log shows it. <see cref="Channel"/> is "email" or the channel's type; <see cref="To"/> the address
/// or the channel's name. A pending send with attempts is waiting for its retry at <see cref="NextAttemptAt"/>.
/// </summary>
public sealed record NotificationView(
    Guid Id,
    DateTime At,
    string Kind,
    string To,
    string Subject,
    string Outcome,
    string? Error,
    string Channel,
    Guid? ChannelId,
    int Attempts,
    DateTime? NextAttemptAt,
    DateTime? LastAttemptAt,
    DateTime? SentAt,
    Guid? CustomerId,
    string ObjectType,
    Guid ObjectId,
    Guid AlertId)
{
    public static NotificationView From(Notification n) => new(n.Id, n.At, n.Kind, n.To, n.Subject, n.Outcome, n.Error, n.Channel, n.ChannelId,
        n.Attempts, n.NextAttemptAt, n.LastAttemptAt, n.SentAt, n.CustomerId, n.ObjectType, n.ObjectId, n.AlertId);
}
