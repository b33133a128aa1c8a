using System.Net;

namespace CertPortal.Features.DnsProviders.Propagation;

/// <summary>A DNS server as "host:port" (port 53 when left out; IPv6 in brackets).</summary>
public sealed record DnsServerAddress(IPAddress Address, int Port)
{
    public static DnsServerAddress Parse(string text)
    {
        var (host, port) = (text.Trim(), 53);
        if (host.StartsWith('[') && host.IndexOf(']') is var close and > 0)
        {
            if (host.Length > close + 2 && host[close + 1] == ':')
                port = int.Parse(host[(close + 2)..]);
            host = host[1..close];
        }
        else if (host.Count(c => c == ':') == 1)
        {
            port = int.Parse(host[(host.IndexOf(':') + 1)..]);
            host = host[..host.IndexOf(':')];
        }
        return IPAddress.TryParse(host, out var address)
            ? new DnsServerAddress(address, port)
            : new DnsServerAddress(Dns.GetHostAddresses(host).First(), port);
    }

    public static bool TryParse(string text, out DnsServerAddress? address)
    {
        try
        {
            address = Parse(text);
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException or System.Net.Sockets.SocketException or ArgumentException or InvalidOperationException)
        {
            address = null;
            return false;
        }
    }

    /// <summary>A client that asks only this server, over UDP with TCP fallback, on its port.</summary>
    public ARSoft.Tools.Net.Dns.DnsClient CreateClient(int timeoutMilliseconds) =>
        new([Address], [new ARSoft.Tools.Net.Dns.UdpClientTransport(Port), new ARSoft.Tools.Net.Dns.TcpClientTransport(Port)], disposeTransport: true, queryTimeout: timeoutMilliseconds);

    public override string ToString() => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
