namespace CertPortal.Features.Notifications.Channels;

/// <summary>A channel an alert goes to, as the queue names it in a send.</summary>
public sealed record RoutedChannel(Guid Id, string Type, string Name);
