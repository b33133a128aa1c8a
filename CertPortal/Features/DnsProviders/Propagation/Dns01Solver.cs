using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Features.DnsProviders.Propagation;

/// <summary>
/// Publishes one DNS-01 answer: follows a CNAME delegation of <c>_acme-challenge</c>, writes the TXT with the provider,
/// and waits until the given servers answer it. The returned record is removed with <see cref="PublishedTxt.RemoveAsync"/>
/// whatever happens next. <c>writing</c> hears the record's name before it is written, so a caller can note it durably
/// first and a crash at any point after leaves a record it can find and remove.
/// </summary>
public sealed class Dns01Solver(PropagationChecker propagation)
{
    public async Task<PublishedTxt> PublishAsync(IDnsProviderType provider, DnsProviderSettings settings, string challengeRecord, string value,
        IReadOnlyList<DnsServerAddress> servers, TimeSpan timeout, Action<string>? progress, CancellationToken ct, Func<string, Task>? writing = null)
    {
        var recordName = servers.Count > 0 ? await ChallengeRecordLocator.ResolveAsync(servers[0], challengeRecord, ct) : challengeRecord;
        if (!string.Equals(recordName, challengeRecord, StringComparison.OrdinalIgnoreCase))
            progress?.Invoke($"{challengeRecord} is delegated by CNAME to {recordName}.");

        if (writing is not null)
            await writing(recordName);
        await provider.CreateTxtAsync(settings, recordName, value, ct);
        var published = new PublishedTxt(provider, settings, recordName, value);
        progress?.Invoke($"TXT written at {recordName}.");
        if (servers.Count == 0)
            return published;

        var result = await propagation.WaitAsync(servers, recordName, value, timeout, ct);
        if (!result.Propagated)
        {
            await published.RemoveAsync(CancellationToken.None);
            throw new DnsProviderException(result.Describe(recordName, value));
        }
        progress?.Invoke(result.Describe(recordName, value));
        return published;
    }
}

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
