namespace CertPortal.Features.Notifications;

/// <summary>What the notification log is narrowed to, and its order (<see cref="NotificationSort"/>); every part optional.</summary>
public sealed record NotificationFilter(Guid? CustomerId = null, string? Outcome = null, string? Kind = null, CertPortal.Common.ListSort? Sort = null);
