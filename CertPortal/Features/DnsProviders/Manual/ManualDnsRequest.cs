namespace CertPortal.Features.DnsProviders.Manual;

/// <summary>A TXT record the technician must create by hand, for whom (<see cref="OwnerId"/>, e.g. a certificate) and since when.</summary>
public sealed record ManualDnsRequest(Guid Id, Guid ProviderId, Guid? OwnerId, string RecordName, string Value, DateTime RequestedAt);
