using CertPortal.Common;
using CertPortal.Data.Progress;

namespace CertPortal.Features.Notifications;

/// <summary>
/// Tells open notification logs, on every instance, that a send was queued or has an outcome, so they update live.
/// The log as a whole is the subject: it reloads its page of rows whatever moved.
/// </summary>
public sealed class NotificationProgress(ProgressRelay relay) : SubjectProgress("notification", relay)
{
    public void Notify() => Notify(Guid.Empty);
}
