using System.Net.NetworkInformation;
using System.Net.Sockets;
using ARSoft.Tools.Net.Dns;
using CertPortal.Features.DnsProviders.Providers;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.DnsProviders.Propagation;

/// <summary>
/// The recursive resolvers the portal asks to find things out (a zone's name servers, a CNAME delegation) when a
/// provider names no resolvers of its own: <c>CertPortal:Dns:Resolvers</c>, else the machine's.
/// </summary>
public sealed class BootstrapResolver(IOptions<DnsOptions> options)
{
    private readonly Lazy<IReadOnlyList<DnsServerAddress>> _servers = new(() => options.Value.Resolvers.Count > 0
        ? options.Value.Resolvers.Select(DnsServerAddress.Parse).ToList()
        : SystemResolvers());

    public IReadOnlyList<DnsServerAddress> Servers => _servers.Value;

    public int AuthoritativePort => options.Value.AuthoritativePort;

    /// <summary>Asks each resolver in turn (recursion desired) until one gives an answer that is not a failure.</summary>
    public async Task<DnsMessage> AskAsync(string name, RecordType type, CancellationToken ct)
    {
        if (Servers.Count == 0)
            throw new DnsProviderException("No DNS resolver is configured (CertPortal:Dns:Resolvers) and the system names none.");
        var failures = new List<string>();
        foreach (var server in Servers)
        {
            var answer = await DnsLookup.AskAsync(server, name, type, recursive: true, ct);
            if (answer is not null && answer.ReturnCode is not (ReturnCode.ServerFailure or ReturnCode.Refused))
                return answer;
            failures.Add(answer is null ? $"{server} did not answer" : $"{server} answered {answer.ReturnCode.ToString().ToUpperInvariant()}");
        }
        throw new DnsProviderException($"No resolver could look up {type.ToString().ToUpperInvariant()} {name}: {string.Join("; ", failures)}.");
    }

    /// <summary>The CNAME target at <paramref name="name"/>, or null when there is none.</summary>
    public async Task<string?> CnameAsync(string name, CancellationToken ct) => DnsLookup.CnameIn(await AskAsync(name, RecordType.CName, ct), name);

    // On Linux this is /etc/resolv.conf; on Windows the adapters' DNS servers.
    private static List<DnsServerAddress> SystemResolvers() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up)
        .SelectMany(n => n.GetIPProperties().DnsAddresses)
        .Where(a => a.AddressFamily == AddressFamily.InterNetwork || !a.IsIPv6LinkLocal)
        .Distinct()
        .Select(a => new DnsServerAddress(a, 53))
        .ToList();
}
