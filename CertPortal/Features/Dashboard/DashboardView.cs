using CertPortal.Features.Certificates;
using CertPortal.Features.Dashboard.Charts;
using CertPortal.Features.Deployments;

namespace CertPortal.Features.Dashboard;

/// <summary>
/// GET /api/v1/dashboard (the README's API section) and the dashboard page: counts (each one a filtered list's total), each customer's
/// health worst first, and the chart series.
/// </summary>
public sealed record DashboardView(
    CertificateFigures Certificates,
    DeploymentFigures Deployments,
    IReadOnlyList<CustomerHealth> Customers,
    ExpiringFigures ClientCertificates,
    ExpiringFigures CertificateAuthorities,
    IReadOnlyList<WeekCount> ExpiryTimeline,
    IReadOnlyList<DayOutcomes> Orders,
    IReadOnlyList<DayOutcomes> DeploymentRuns,
    DateTime At);

public sealed record ExpiringFigures(int ExpiringWithin30Days);

/// <summary>Certificates ending in the week that starts on <see cref="WeekStart"/> (UTC day).</summary>
public sealed record WeekCount(DateTime WeekStart, int Certificates);
