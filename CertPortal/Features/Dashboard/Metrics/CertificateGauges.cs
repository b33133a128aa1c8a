using CertPortal.Features.Certificates;
using CertPortal.Features.Customers;
using Prometheus;

namespace CertPortal.Features.Dashboard.Metrics;

/// <summary>
/// Gauges computed when Prometheus scrapes, from one grouped query (kept a few seconds, so several scrapers do not
/// each query): certificates per customer and status, seconds to each customer's nearest end, and each customer's
/// name for joins. Customers are labelled by id: names change, ids do not.
/// </summary>
public sealed class CertificateGauges
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private static readonly string[] Statuses = [CertificateStatus.Pending, CertificateStatus.Issuing, CertificateStatus.Valid, CertificateStatus.Renewing,
        CertificateStatus.Failed, CertificateStatus.Expired, CertificateStatus.Revoked];

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<CertificateGauges> _logger;
    private readonly Gauge _certificates;
    private readonly Gauge _nearestExpiry;
    private readonly Gauge _customerInfo;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private DateTimeOffset _freshUntil = DateTimeOffset.MinValue;

    public CertificateGauges(CollectorRegistry registry, IServiceScopeFactory scopes, TimeProvider clock, ILogger<CertificateGauges> logger)
    {
        (_scopes, _clock, _logger) = (scopes, clock, logger);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _certificates = factory.CreateGauge("certportal_certificates", "Certificates by customer (id) and status; a valid certificate past its end counts as expired.",
            "customer", "status");
        _nearestExpiry = factory.CreateGauge("certportal_certificate_nearest_expiry_seconds",
            "Seconds until the customer's first unrevoked certificate ends; negative once one has ended.", "customer");
        _customerInfo = factory.CreateGauge("certportal_customer_info", "1 for each customer: joins the customer id label to its name.", "customer", "name");
        registry.AddBeforeCollectCallback(RefreshAsync);
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        await _refreshing.WaitAsync(ct);
        try
        {
            var now = _clock.GetUtcNow();
            if (now < _freshUntil)
                return;
            await using var scope = _scopes.CreateAsyncScope();
            var customers = await scope.ServiceProvider.GetRequiredService<ICustomerDirectory>().ListAsync(ct);
            var counts = await scope.ServiceProvider.GetRequiredService<ICertificateInventory>().StatusCountsAsync(ct);
            Apply(customers, counts, now.UtcDateTime);
            _freshUntil = now + CacheFor;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A scrape still answers with the last values; the next one tries again.
            _logger.LogWarning(e, "The certificate gauges could not be read from the database");
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private void Apply(IReadOnlyList<CustomerRef> customers, IReadOnlyList<CertificateStatusCount> counts, DateTime now)
    {
        var byCustomer = counts.ToLookup(c => c.CustomerId);
        var ids = customers.Select(c => c.Id.ToString()).ToHashSet();
        foreach (var customer in customers)
        {
            var id = customer.Id.ToString();
            var own = byCustomer[customer.Id].ToList();
            foreach (var status in Statuses)
                _certificates.WithLabels(id, status).Set(own.Where(c => c.Status == status).Sum(c => c.Count));
            var nearest = own.Where(c => c.Status != CertificateStatus.Revoked && c.NearestNotAfter is not null).Min(c => c.NearestNotAfter);
            if (nearest is { } notAfter)
                _nearestExpiry.WithLabels(id).Set((notAfter - now).TotalSeconds);
            else
                _nearestExpiry.RemoveLabelled(id);
            _customerInfo.WithLabels(id, customer.Name).Set(1);
        }
        // Deleted customers, and a renamed customer's old name, leave the output.
        foreach (var labels in _certificates.GetAllLabelValues().Where(l => !ids.Contains(l[0])).ToList())
            _certificates.RemoveLabelled(labels);
        foreach (var labels in _nearestExpiry.GetAllLabelValues().Where(l => !ids.Contains(l[0])).ToList())
            _nearestExpiry.RemoveLabelled(labels);
        var names = customers.Select(c => (c.Id.ToString(), c.Name)).ToHashSet();
        foreach (var labels in _customerInfo.GetAllLabelValues().Where(l => !names.Contains((l[0], l[1]))).ToList())
            _customerInfo.RemoveLabelled(labels);
    }
}
