using Prometheus;

namespace CertPortal.Features.Dashboard.Metrics;

/// <summary>
/// The portal's counters and the issuance histogram, for the slices to call where work ends. Label values are a few
/// fixed words (outcomes, channel types), never names or ids, so the series stay bounded.
/// </summary>
public sealed class PortalMetrics
{
    private readonly Counter _renewals;
    private readonly Counter _deployments;
    private readonly Histogram _issuance;
    private readonly Counter _notifications;

    public PortalMetrics(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _renewals = factory.CreateCounter("certportal_renewals_total", "Renewals that ended, by outcome (succeeded, failed).", "outcome");
        _deployments = factory.CreateCounter("certportal_deployments_total",
            "Deployment runs that ended, by outcome (verified, succeeded, failed, rolled-back); a run retried counts once, when it ends.", "outcome");
        _issuance = factory.CreateHistogram("certportal_issuance_duration_seconds", "Time from the start of an ACME order to the stored certificate, issuance and renewal.",
            new HistogramConfiguration { Buckets = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600] });
        _notifications = factory.CreateCounter("certportal_notifications_total", "Notification sends, by channel type and outcome.", "channel_type", "outcome");
        // Every known outcome from the start at 0, so rate() and alerts see a series before its first event.
        foreach (var outcome in new[] { "succeeded", "failed" })
            _renewals.WithLabels(outcome);
        foreach (var outcome in new[] { "verified", "succeeded", "failed", "rolled-back" })
            _deployments.WithLabels(outcome);
    }

    public void RenewalFinished(string outcome) => _renewals.WithLabels(outcome).Inc();

    public void IssuanceTook(double seconds) => _issuance.Observe(seconds);

    public void DeploymentFinished(string outcome) => _deployments.WithLabels(outcome).Inc();

    /// <summary>For the notifications slice: one send ended (e.g. channel "email", outcome "sent" or "failed").</summary>
    public void NotificationSent(string channelType, string outcome) => _notifications.WithLabels(channelType, outcome).Inc();
}
