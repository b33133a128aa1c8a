using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;

namespace CertPortal.Features.DnsProviders.Propagation;

/// <summary>Non-recursive questions to one DNS server, as the propagation check and CNAME delegation ask them.</summary>
public static class DnsLookup
{
    public static async Task<IReadOnlyList<string>> TxtAsync(DnsServerAddress server, string name, CancellationToken ct)
    {
        var answer = await AskAsync(server, name, RecordType.Txt, ct);
        return answer?.AnswerRecords.OfType<TxtRecord>().Select(r => r.TextData).ToList() ?? [];
    }

    /// <summary>The CNAME target at <paramref name="name"/>, or null.</summary>
    public static async Task<string?> CnameAsync(DnsServerAddress server, string name, CancellationToken ct)
    {
        var answer = await AskAsync(server, name, RecordType.CName, ct);
        return answer?.AnswerRecords.OfType<CNameRecord>().FirstOrDefault()?.CanonicalName.ToString(false).TrimEnd('.');
    }

    private static async Task<DnsMessage?> AskAsync(DnsServerAddress server, string name, RecordType type, CancellationToken ct)
    {
        var client = server.CreateClient(5_000);
        return await client.ResolveAsync(DomainName.Parse(name), type, RecordClass.INet, new DnsQueryOptions { IsRecursionDesired = false, IsEDnsEnabled = true }, ct);
    }
}
