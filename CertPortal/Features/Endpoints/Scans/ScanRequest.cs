using System.Net;
using System.Net.Sockets;
using CertPortal.Common;

namespace CertPortal.Features.Endpoints.Scans;

/// <summary>
/// What a scan is asked to try, checked before anything is queued: addresses, CIDR ranges no wider than a /22 (IPv6:
/// at most as many addresses) and host names as written; never a name guessed or looked up beyond those given.
/// </summary>
public sealed record ScanRequest(IReadOnlyList<ScanTarget> Targets, IReadOnlyList<int> Ports)
{
    public const int MaxEntries = 256;

    private static readonly int MaxRangeAddresses = 1 << (32 - DiscoveryOptions.WidestIpv4Prefix);

    public int Pairs => Targets.Count * Ports.Count;

    public static Result<ScanRequest> Parse(IReadOnlyList<string>? hosts, IReadOnlyList<int>? ports, DiscoveryOptions limits)
    {
        var check = new Validation();
        var targets = new List<ScanTarget>();
        if (hosts is not { Count: > 0 })
            check.Add("hosts", "Give at least one host, address or CIDR range.");
        else if (hosts.Count > MaxEntries)
            check.Add("hosts", $"At most {MaxEntries} entries per scan.");
        else
            foreach (var expanded in hosts.Select(entry => Expand(entry?.Trim() ?? "")))
                if (expanded.IsOk)
                    targets.AddRange(expanded.Value!);
                else
                    check.Add("hosts", expanded.Message!);
        if (ports is not { Count: > 0 })
            check.Add("ports", "Give at least one port.");
        else if (ports.Count > limits.MaxPorts)
            check.Add("ports", $"At most {limits.MaxPorts} ports per scan.");
        else
            foreach (var port in ports.Where(p => EndpointAddress.PortProblem(p) is not null))
                check.Add("ports", EndpointAddress.PortProblem(port)!);
        var distinct = targets.Distinct().ToList();
        if (check.IsValid && distinct.Count * ports!.Distinct().Count() > limits.MaxPairs)
            check.Add("hosts", $"{distinct.Count} addresses × {ports!.Distinct().Count()} ports is more than the {limits.MaxPairs} pairs a scan may try.");
        return check.IsValid ? Result<ScanRequest>.Ok(new ScanRequest(distinct, [.. ports!.Distinct().Order()])) : check.ToResult<ScanRequest>();
    }

    private static Result<IReadOnlyList<ScanTarget>> Expand(string entry)
    {
        if (entry.Contains('/'))
            return ExpandRange(entry);
        if (EndpointAddress.HostProblem(entry, "Host") is { } problem)
            return Result<IReadOnlyList<ScanTarget>>.Invalid("hosts", problem);
        var host = EndpointAddress.Normalize(entry);
        return Result<IReadOnlyList<ScanTarget>>.Ok([new ScanTarget(host, EndpointAddress.IsIp(host) ? null : host)]);
    }

    private static Result<IReadOnlyList<ScanTarget>> ExpandRange(string entry)
    {
        if (!IPNetwork.TryParse(entry, out var network))
            return Result<IReadOnlyList<ScanTarget>>.Invalid("hosts", $"'{entry}' is not a CIDR range of IP addresses (e.g. 10.0.0.0/24).");
        var bits = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var size = bits - network.PrefixLength;
        if (size > 32 - DiscoveryOptions.WidestIpv4Prefix)
            return Result<IReadOnlyList<ScanTarget>>.Invalid("hosts",
                $"'{entry}' is wider than a /{DiscoveryOptions.WidestIpv4Prefix} ({MaxRangeAddresses} addresses), the most one entry may cover.");
        var first = network.BaseAddress.GetAddressBytes();
        var targets = new List<ScanTarget>(1 << size);
        for (var offset = 0; offset < 1 << size; offset++)
            targets.Add(new ScanTarget(Add(first, offset).ToString(), null));
        return Result<IReadOnlyList<ScanTarget>>.Ok(targets);
    }

    private static IPAddress Add(byte[] address, int offset)
    {
        var bytes = (byte[])address.Clone();
        for (var i = bytes.Length - 1; i >= 0 && offset > 0; i--)
        {
            var sum = bytes[i] + (offset & 0xff);
            bytes[i] = (byte)sum;
            offset = (offset >> 8) + (sum >> 8);
        }
        return new IPAddress(bytes);
    }
}
