using CertPortal.Common;
using CertPortal.Features.DnsProviders.Propagation;
using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Security;

namespace CertPortal.Features.DnsProviders.Delegation;

/// <summary>
/// Onboarding a customer whose DNS the MSP does not control: the customer creates one CNAME,
/// <c>_acme-challenge.&lt;domain&gt;</c> → a name in the MSP's zone, and the MSP's provider writes the TXT there.
/// This proposes that name and checks in DNS whether the CNAME (through any chain) ends inside the zone.
/// </summary>
public sealed class CnameDelegationCheck(DnsProviderService providers, BootstrapResolver bootstrap)
{
    public async Task<Result<CnameDelegation>> CheckAsync(Guid providerId, string? domain, Actor actor, CancellationToken ct = default)
    {
        var provider = await providers.GetAsync(providerId, actor, ct);
        if (provider.Value is not { } view)
            return Result<CnameDelegation>.NotFound(provider.Message ?? "No such DNS provider.");
        if (DelegationNames.Normalize(domain) is not { } name)
            return Result<CnameDelegation>.Invalid("domain", "Enter a domain name such as www.example.com (or *.example.com).");
        var settings = new DnsProviderSettings(DnsProviderService.Values(view.Settings), new Dictionary<string, string?>());
        if (settings.Optional("zone") is not { } zone)
            return Result<CnameDelegation>.Conflict("This DNS provider has no zone setting: set the MSP zone the CNAMEs should point into.");

        var (recordName, expected) = (DelegationNames.RecordName(name), DelegationNames.Target(name, zone));
        string end;
        try
        {
            var resolvers = DnsProviderService.Resolvers(settings);
            end = resolvers.Count > 0
                ? await ChallengeRecordLocator.ResolveAsync(resolvers[0], recordName, ct)
                : await ChallengeRecordLocator.ResolveAsync(bootstrap, recordName, ct);
        }
        catch (DnsProviderException e)
        {
            return Result<CnameDelegation>.Ok(new CnameDelegation(recordName, expected, null, false, e.Message));
        }
        return Result<CnameDelegation>.Ok(Judge(recordName, expected, end.Equals(recordName, StringComparison.OrdinalIgnoreCase) ? null : end, zone.TrimEnd('.')));
    }

    private static CnameDelegation Judge(string recordName, string expected, string? found, string zone) => found switch
    {
        null => new(recordName, expected, null, false, $"There is no CNAME at {recordName} yet. Ask the customer to create: {recordName}. CNAME {expected}."),
        _ when found.Equals(expected, StringComparison.OrdinalIgnoreCase) => new(recordName, expected, found, true, $"{recordName} points to {found}, in {zone}."),
        _ when DelegationNames.IsInside(found, zone) => new(recordName, expected, found, true, $"{recordName} leads to {found}, which is in {zone}: this works, though it is not the proposed {expected}."),
        _ => new(recordName, expected, found, false, $"{recordName} leads to {found}, which is outside {zone}. Change the CNAME to {expected}."),
    };
}
