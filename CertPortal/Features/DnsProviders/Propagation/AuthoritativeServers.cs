using ARSoft.Tools.Net.Dns;
using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Features.DnsProviders.Propagation;

/// <summary>
/// Finds the name servers that are authoritative for a name, so the propagation check asks the source rather than a
/// cache: the enclosing zone from an SOA question walking up the name, its NS names, their addresses (all through the
/// bootstrap resolver), and which of them answer for the zone.
/// </summary>
public sealed class AuthoritativeServers(BootstrapResolver resolver)
{
    private const int ProbeTimeoutMilliseconds = 3_000;

    public BootstrapResolver Resolver => resolver;

    public async Task<AuthoritativeZone> FindAsync(string recordName, CancellationToken ct)
    {
        var zone = await ZoneOfAsync(recordName.TrimEnd('.'), ct);
        var nsNames = (await resolver.AskAsync(zone, RecordType.Ns, ct)).AnswerRecords.OfType<NsRecord>()
            .Where(r => DnsLookup.SameName(r.Name, zone)).Select(r => DnsLookup.Plain(r.NameServer)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (nsNames.Count == 0)
            throw new DnsProviderException($"The zone {zone} (holding {recordName}) lists no name servers.");

        var candidates = new List<AuthoritativeServer>();
        foreach (var ns in nsNames)
            candidates.AddRange((await AddressesAsync(ns, ct)).Select(a => new AuthoritativeServer(ns, new DnsServerAddress(a, resolver.AuthoritativePort))));
        if (candidates.Count == 0)
            throw new DnsProviderException($"None of the name servers of {zone} ({string.Join(", ", nsNames)}) has an address.");

        var answering = new List<AuthoritativeServer>();
        foreach (var server in candidates)
            if (await AnswersForAsync(server.Address, zone, ct))
                answering.Add(server);
        if (answering.Count == 0)
            throw new DnsProviderException($"None of the name servers of {zone} answered for it: {string.Join(", ", candidates)}.");
        return new AuthoritativeZone(zone, answering, candidates.Except(answering).ToList());
    }

    /// <summary>
    /// The zone holding <paramref name="name"/>: the owner of an SOA in the answer, or of the SOA that a "no such
    /// name/no such type" answer carries in its authority section (RFC 2308). A CNAME answer's SOA belongs to the
    /// target's zone, so then the walk goes on up.
    /// </summary>
    private async Task<string> ZoneOfAsync(string name, CancellationToken ct)
    {
        for (var candidate = name; candidate.Length > 0; candidate = candidate.Contains('.') ? candidate[(candidate.IndexOf('.') + 1)..] : "")
        {
            var answer = await resolver.AskAsync(candidate, RecordType.Soa, ct);
            if (answer.AnswerRecords.OfType<SoaRecord>().FirstOrDefault(r => DnsLookup.SameName(r.Name, candidate)) is { } soa)
                return DnsLookup.Plain(soa.Name);
            if (answer.AnswerRecords.OfType<CNameRecord>().Any())
                continue;
            if (answer.AuthorityRecords.OfType<SoaRecord>().FirstOrDefault() is { } enclosing && DnsLookup.Plain(enclosing.Name) is { Length: > 0 } zone
                && (candidate.Equals(zone, StringComparison.OrdinalIgnoreCase) || candidate.EndsWith("." + zone, StringComparison.OrdinalIgnoreCase)))
                return zone;
        }
        throw new DnsProviderException($"{name} is in no zone the resolvers know of ({string.Join(", ", resolver.Servers)}).");
    }

    private async Task<List<System.Net.IPAddress>> AddressesAsync(string host, CancellationToken ct)
    {
        var addresses = new List<System.Net.IPAddress>();
        addresses.AddRange((await resolver.AskAsync(host, RecordType.A, ct)).AnswerRecords.OfType<ARecord>().Select(r => r.Address));
        addresses.AddRange((await resolver.AskAsync(host, RecordType.Aaaa, ct)).AnswerRecords.OfType<AaaaRecord>().Select(r => r.Address));
        return addresses;
    }

    // An authoritative server answers the zone's SOA itself, with the AA flag; anything else is lame or down.
    private static async Task<bool> AnswersForAsync(DnsServerAddress server, string zone, CancellationToken ct)
    {
        try
        {
            var answer = await DnsLookup.AskAsync(server, zone, RecordType.Soa, recursive: false, ct, ProbeTimeoutMilliseconds);
            return answer is { IsAuthoritiveAnswer: true } && answer.AnswerRecords.OfType<SoaRecord>().Any();
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
