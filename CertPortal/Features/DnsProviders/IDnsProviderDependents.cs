namespace CertPortal.Features.DnsProviders;

/// <summary>
/// Implemented by slices that refer to DNS providers, so a provider is not deleted out from under them (the next
/// renewal would fail): a description of what still uses it, or null.
/// </summary>
public interface IDnsProviderDependents
{
    Task<string?> DescribeAsync(Guid providerId, CancellationToken ct);
}
