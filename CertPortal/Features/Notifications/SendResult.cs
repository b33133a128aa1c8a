namespace CertPortal.Features.Notifications;

/// <summary>How one attempt went: what the recipient's server answered, or why it did not take the message.</summary>
public sealed record SendResult(bool Ok, string Message);
