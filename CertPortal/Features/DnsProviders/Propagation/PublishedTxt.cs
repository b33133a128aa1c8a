using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Features.DnsProviders.Propagation;

/// <summary>A TXT record the solver wrote; removing it twice is harmless.</summary>
public sealed class PublishedTxt(IDnsProviderType provider, DnsProviderSettings settings, string recordName, string value)
{
    private bool _removed;

    public string RecordName => recordName;

    public async Task RemoveAsync(CancellationToken ct)
    {
        if (_removed)
            return;
        await provider.DeleteTxtAsync(settings, recordName, value, ct);
        _removed = true;
    }
}
