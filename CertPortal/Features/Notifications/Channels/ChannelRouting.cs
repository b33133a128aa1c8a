namespace CertPortal.Features.Notifications.Channels;

/// <summary>Which channels an alert goes to: those that chose its kind and serve every customer or its customer.</summary>
public sealed class ChannelRouting(IReadOnlyList<ChannelRouting.Route> routes)
{
    public sealed record Route(Guid Id, string Type, string Name, Guid? CustomerId, List<string> Events);

    public IReadOnlyList<RoutedChannel> For(string kind, Guid? customerId) =>
        routes.Where(r => (r.CustomerId == null || r.CustomerId == customerId) && r.Events.Contains(kind))
            .OrderBy(r => r.Name).Select(r => new RoutedChannel(r.Id, r.Type, r.Name)).ToList();
}
