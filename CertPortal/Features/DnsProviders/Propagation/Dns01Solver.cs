using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Features.DnsProviders.Propagation;

/// <summary>
/// Publishes one DNS-01 answer: follows a CNAME delegation of <c>_acme-challenge</c>, writes the TXT with the provider,
/// and waits until the given servers answer it — or, when none are given, the zone's authoritative servers. The
/// returned record is removed with <see cref="PublishedTxt.RemoveAsync"/> whatever happens next. <c>writing</c> hears
/// the record's name before it is written, so a caller can note it durably first and a crash at any point after
/// leaves a record it can find and remove.
/// </summary>
public sealed class Dns01Solver(PropagationChecker propagation, AuthoritativeServers authoritative)
{
    public async Task<PublishedTxt> PublishAsync(IDnsProviderType provider, DnsProviderSettings settings, string challengeRecord, string value,
        IReadOnlyList<DnsServerAddress> servers, TimeSpan timeout, Action<string>? progress, CancellationToken ct, Func<string, Task>? writing = null)
    {
        var recordName = servers.Count > 0
            ? await ChallengeRecordLocator.ResolveAsync(servers[0], challengeRecord, ct)
            : await ChallengeRecordLocator.ResolveAsync(authoritative.Resolver, challengeRecord, ct);
        if (!string.Equals(recordName, challengeRecord.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
            progress?.Invoke($"{challengeRecord} is delegated by CNAME to {recordName}.");

        if (writing is not null)
            await writing(recordName);
        await provider.CreateTxtAsync(settings, recordName, value, ct);
        var published = new PublishedTxt(provider, settings, recordName, value);
        progress?.Invoke($"TXT written at {recordName}.");
        try
        {
            // Discovered after writing: asking a resolver about a name before it exists would cache "no such name".
            var askThese = servers.Count > 0 ? servers : await AuthoritativeAsync(recordName, progress, ct);
            var result = await propagation.WaitAsync(askThese, recordName, value, timeout, ct);
            if (!result.Propagated)
                throw new DnsProviderException(result.Describe(recordName, value));
            progress?.Invoke(result.Describe(recordName, value));
            return published;
        }
        catch (DnsProviderException)
        {
            await published.RemoveAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task<IReadOnlyList<DnsServerAddress>> AuthoritativeAsync(string recordName, Action<string>? progress, CancellationToken ct)
    {
        var zone = await authoritative.FindAsync(recordName, ct);
        progress?.Invoke(zone.Describe());
        return zone.Servers.Select(s => s.Address).ToList();
    }
}
