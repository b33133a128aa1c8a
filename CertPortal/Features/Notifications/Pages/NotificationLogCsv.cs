using CertPortal.Common;

namespace CertPortal.Features.Notifications.Pages;

/// <summary>The notification log's columns as its CSV export writes them.</summary>
public static class NotificationLogCsv
{
    public static IReadOnlyList<CsvColumn<NotificationView>> Columns(IReadOnlyDictionary<Guid, string> customerNames) =>
    [
        new("When", n => n.At),
        new("Event", n => n.Kind),
        new("To", n => n.To),
        new("Channel", n => n.Channel),
        new("Customer", n => n.CustomerId is { } id ? customerNames.GetValueOrDefault(id, "") : ""),
        new("Subject", n => n.Subject),
        new("Outcome", n => n.Outcome),
        new("Attempts", n => n.Attempts),
        new("Error", n => n.Error),
    ];
}
