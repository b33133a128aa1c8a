namespace CertPortal.Features.Notifications;

/// <summary>Tells an open notification log that a send was queued or has an outcome, so it updates live.</summary>
public sealed class NotificationProgress
{
    public event Action? Changed;

    public void Notify() => Changed?.Invoke();
}
