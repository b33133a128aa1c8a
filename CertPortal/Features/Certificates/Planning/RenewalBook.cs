namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// What the planner works from: every auto-renewing ACME certificate with a renewal ahead, and the orders of the last
/// days that still count in the CAs' windows.
/// </summary>
public sealed record RenewalBook(IReadOnlyList<RenewalSubject> Subjects, IReadOnlyList<LimitEvent> History);
