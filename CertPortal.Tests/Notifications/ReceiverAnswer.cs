namespace CertPortal.Tests.Notifications;

/// <summary>How the <see cref="AlertReceiver"/> answers a post.</summary>
public enum ReceiverAnswer
{
    Ok,
    ServerError,
    Hang,
}
