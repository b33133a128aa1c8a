namespace CertPortal.Features.Dashboard.Attention;

/// <summary>
/// One line of the worklist (the README's API section <c>/api/v1/attention</c>): what is wrong with which object, how bad, since when,
/// and where to fix it. <see cref="Url"/> is the portal page, relative (e.g. <c>certificates/{id}</c>);
/// <see cref="ExpiresAt"/> is set for expiry items; <see cref="ExpiryScale"/> is the share of the expiry thresholds that
/// applies to the object's lifetime (below 1 for certificates shorter-lived than 90 days).
/// </summary>
public sealed record AttentionItem(
    string Kind,
    string Severity,
    Guid CustomerId,
    string CustomerName,
    string ObjectType,
    Guid ObjectId,
    string Title,
    string Detail,
    DateTime Since,
    string Url,
    DateTime? ExpiresAt = null,
    double ExpiryScale = 1);
