namespace CertPortal.Features.Notifications;

/// <summary>
/// How long a failed send waits before its next attempt: 1 min, 5 min, 30 min, 2 h (attempts 2 to 5). A mail server
/// being restarted or a chat service's short outage is ridden out; after the fifth attempt the send has failed.
/// </summary>
public static class RetrySchedule
{
    private static readonly TimeSpan[] Waits = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    public static int MaxAttempts => Waits.Length + 1;

    /// <summary>The wait after failed attempt number <paramref name="attempts"/> (1-based); null when that was the last.</summary>
    public static TimeSpan? After(int attempts) => attempts >= 1 && attempts <= Waits.Length ? Waits[attempts - 1] : null;
}
