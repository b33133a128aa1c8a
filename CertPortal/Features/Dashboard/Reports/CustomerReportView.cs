using CertPortal.Features.CertificateAuthorities;
using CertPortal.Features.Certificates;
using CertPortal.Features.ClientCerts;
using CertPortal.Features.Customers;
using CertPortal.Features.Deployments;

namespace CertPortal.Features.Dashboard.Reports;

/// <summary>
/// One customer's printable report: its certificates, where each is deployed with the last run, and the client
/// certificates and CAs that end within <see cref="HorizonDays"/> (the widest alert threshold).
/// </summary>
public sealed record CustomerReportView(
    CustomerRef Customer,
    DateTime GeneratedAt,
    int HorizonDays,
    CustomerReportCounts Counts,
    IReadOnlyList<CertificateRow> Certificates,
    IReadOnlyList<DeploymentView> Deployments,
    IReadOnlyList<ClientCertView> ExpiringClientCertificates,
    IReadOnlyList<CaView> ExpiringCas);

/// <summary>The report's summary: certificates by status, what ends soon, and the bindings whose last run or version needs a look.</summary>
public sealed record CustomerReportCounts(
    int Certificates,
    IReadOnlyDictionary<string, int> ByStatus,
    int ExpiringSoon,
    int Bindings,
    int BindingsNeedingAttention,
    int ClientCertificatesExpiring,
    int CasExpiring);
