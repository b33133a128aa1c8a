using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Features.DnsProviders.Propagation;

/// <summary>
/// CNAME delegation: when <c>_acme-challenge.&lt;domain&gt;</c> is a CNAME (chains too), the TXT record belongs at the
/// end of the chain, in a zone the MSP controls, and the customer's DNS never needs an API key.
/// </summary>
public static class ChallengeRecordLocator
{
    private const int MaxHops = 8;

    /// <summary>The end of the chain, asking one server (a provider's configured resolver) without recursion.</summary>
    public static Task<string> ResolveAsync(DnsServerAddress server, string recordName, CancellationToken ct) =>
        ResolveAsync((name, token) => DnsLookup.CnameAsync(server, name, token), recordName, ct);

    /// <summary>The end of the chain, asking the bootstrap resolvers recursively (no resolvers configured).</summary>
    public static Task<string> ResolveAsync(BootstrapResolver resolver, string recordName, CancellationToken ct) =>
        ResolveAsync(resolver.CnameAsync, recordName, ct);

    private static async Task<string> ResolveAsync(Func<string, CancellationToken, Task<string?>> cnameOf, string recordName, CancellationToken ct)
    {
        var name = recordName.TrimEnd('.');
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { name };
        for (var hop = 0; hop < MaxHops; hop++)
        {
            var target = await cnameOf(name, ct);
            if (target is null)
                return name;
            if (!seen.Add(target))
                throw new DnsProviderException($"The CNAME chain from {recordName} loops at {target}.");
            name = target;
        }
        throw new DnsProviderException($"The CNAME chain from {recordName} is longer than {MaxHops} hops.");
    }
}
