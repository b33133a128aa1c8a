namespace CertPortal.Features.Dashboard.Reports;

/// <summary>
/// The compliance view (GET /api/v1/reports/compliance): what the issued, unrevoked certificates are made of, which
/// ones the portal does not renew, and which are weak and why.
/// </summary>
public sealed record ComplianceView(
    DateTime GeneratedAt,
    Guid? CustomerId,
    int Certificates,
    IReadOnlyList<ComplianceCount> KeyTypes,
    IReadOnlyList<ComplianceCount> SignatureAlgorithms,
    IReadOnlyList<ComplianceCount> Issuers,
    IReadOnlyList<ComplianceCertificate> Weak,
    IReadOnlyList<ComplianceCertificate> NotRenewed,
    IReadOnlyList<ComplianceCustomer> Customers);

/// <summary>How many certificates share a key type, signature algorithm or issuer.</summary>
public sealed record ComplianceCount(string Name, int Count);

/// <summary>A certificate on one of the lists, with why it is there.</summary>
public sealed record ComplianceCertificate(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    string CommonName,
    string Status,
    DateTime? NotAfter,
    int? DaysLeft,
    string Source,
    bool AutoRenew,
    string Key,
    string SignatureAlgorithm,
    string? Issuer,
    IReadOnlyList<string> Reasons);

/// <summary>One customer's line: its issued certificates, how many are weak and how many the portal does not renew.</summary>
public sealed record ComplianceCustomer(Guid Id, string Name, int Certificates, int Weak, int NotRenewed);
