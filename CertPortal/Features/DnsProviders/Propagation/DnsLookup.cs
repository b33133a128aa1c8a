using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;

namespace CertPortal.Features.DnsProviders.Propagation;

/// <summary>Questions to one DNS server, as the propagation check, CNAME delegation and zone discovery ask them.</summary>
public static class DnsLookup
{
    public static async Task<IReadOnlyList<string>> TxtAsync(DnsServerAddress server, string name, CancellationToken ct)
    {
        var answer = await AskAsync(server, name, RecordType.Txt, recursive: false, ct);
        return answer?.AnswerRecords.OfType<TxtRecord>().Select(r => r.TextData).ToList() ?? [];
    }

    /// <summary>The CNAME target at <paramref name="name"/>, or null (also when the server does not answer).</summary>
    public static async Task<string?> CnameAsync(DnsServerAddress server, string name, CancellationToken ct) =>
        CnameIn(await AskAsync(server, name, RecordType.CName, recursive: false, ct), name);

    /// <summary>The CNAME target of <paramref name="name"/> in an answer, without the trailing dot.</summary>
    public static string? CnameIn(DnsMessage? answer, string name) => answer?.AnswerRecords.OfType<CNameRecord>()
        .FirstOrDefault(r => SameName(r.Name, name))?.CanonicalName is { } target ? Plain(target) : null;

    /// <summary>The answer, or null when the server did not answer in time.</summary>
    public static async Task<DnsMessage?> AskAsync(DnsServerAddress server, string name, RecordType type, bool recursive, CancellationToken ct, int timeoutMilliseconds = 5_000)
    {
        var client = server.CreateClient(timeoutMilliseconds);
        return await client.ResolveAsync(DomainName.Parse(name), type, RecordClass.INet, new DnsQueryOptions { IsRecursionDesired = recursive, IsEDnsEnabled = true }, ct);
    }

    /// <summary>A name as the portal writes it: no trailing dot ("" for the root).</summary>
    public static string Plain(DomainName name) => name.ToString(false).TrimEnd('.');

    public static bool SameName(DomainName name, string other) => string.Equals(Plain(name), other.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
}
