using CertPortal.Features.Dashboard.Charts;

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

/// <summary><see cref="ByStatus"/> has every status of the README's API section (0 when none); "expiring" is ending within N days, not yet ended, not revoked.</summary>
public sealed record CertificateFigures(int Total, IReadOnlyDictionary<string, int> ByStatus, int ExpiringWithin7Days, int ExpiringWithin30Days, int ExpiringWithin60Days);

/// <summary>Bindings whose newest run failed, was rolled back or waits for a technician, and those not on the current version.</summary>
public sealed record DeploymentFigures(int Bindings, int Failed, int RolledBack, int Outdated, int AwaitingPerson);

public sealed record ExpiringFigures(int ExpiringWithin30Days);

/// <summary>Certificates ending in the week that starts on <see cref="WeekStart"/> (UTC day).</summary>
public sealed record WeekCount(DateTime WeekStart, int Certificates);
