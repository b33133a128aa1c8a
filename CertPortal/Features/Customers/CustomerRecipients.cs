namespace CertPortal.Features.Customers;

/// <summary>A customer's name and its "Alert emails", as the Notifications slice addresses its mail.</summary>
public sealed record CustomerRecipients(string Name, IReadOnlyList<string> AlertEmails);
