namespace CertPortal.Features.Notifications;

/// <summary>
/// Something people must hear about, as email, log and webhook channels carry it (the README's API section "Events and webhooks").
/// <see cref="Url"/> is absolute, built from the portal's public address, so a mail or chat message links to the object.
/// </summary>
public sealed record AlertEvent(
    Guid Id,
    string Kind,
    DateTime At,
    Guid? CustomerId,
    string? CustomerName,
    string ObjectType,
    Guid ObjectId,
    string Title,
    string Detail,
    string Url);
