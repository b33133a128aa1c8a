namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// One limit on one day: how many are planned in the window that counts (the busiest order window of the day, or
/// the rolling days ending with this one) against the CA's maximum.
/// </summary>
public sealed record LimitCheck(string Account, Guid? AcmeAccountId, string Ca, string Limit, string Scope, string Window, int Planned, int Max, bool Exceeded, string? Note);
