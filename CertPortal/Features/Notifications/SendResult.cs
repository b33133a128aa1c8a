namespace CertPortal.Features.Notifications;

/// <summary>
/// How one attempt went: what the recipient's server answered, or why it did not take the message. A <see cref="Final"/>
/// failure (a configuration error) is not retried: the same send would fail the same way.
/// </summary>
public sealed record SendResult(bool Ok, string Message, bool Final = false);
