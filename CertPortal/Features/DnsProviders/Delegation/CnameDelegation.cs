namespace CertPortal.Features.DnsProviders.Delegation;

/// <summary>
/// Whether <paramref name="RecordName"/> is delegated by CNAME into the provider's zone: the target proposed for it,
/// where its CNAME chain ends (null: no CNAME), and what to do about it.
/// </summary>
public sealed record CnameDelegation(string RecordName, string ExpectedTarget, string? Found, bool Ok, string Message);
