namespace CertPortal.Data.WorkQueue;

/// <summary>
/// Section <c>CertPortal:Queue</c>: how long a claim on queued work holds without renewal (an instance that dies
/// loses its work to another after at most this long) and how often an idle instance looks for work queued elsewhere.
/// </summary>
public sealed class QueueOptions
{
    public const string Section = "CertPortal:Queue";

    public int LeaseSeconds { get; set; } = 30;

    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>A claim is renewed three times per lease, so one slow renewal does not lose it.</summary>
    public TimeSpan RenewEvery => TimeSpan.FromSeconds(LeaseSeconds / 3.0);
}
