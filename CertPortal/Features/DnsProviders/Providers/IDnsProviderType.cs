namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// A type of DNS provider (a vendor API): it declares its settings and writes and removes the TXT record that
/// proves control of a name. <paramref name="recordName"/> is absolute without the trailing dot.
/// </summary>
public interface IDnsProviderType
{
    string Type { get; }

    /// <summary>What a person picks in the type list: the vendor and product, e.g. "Amazon Route 53".</summary>
    string DisplayName { get; }

    /// <summary>One line under the name: how the records are written.</summary>
    string Description { get; }

    IReadOnlyList<ProviderField> Fields { get; }

    Task CreateTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct);

    /// <summary>Removes exactly this value (other TXT values at the same name, e.g. a parallel order's, stay).</summary>
    Task DeleteTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct);
}
