using System.Net;

namespace CertPortal.Features.DnsProviders.Propagation;

/// <summary>A DNS server as "host:port" (port 53 when left out; IPv6 in brackets).</summary>
public sealed record DnsServerAddress(IPAddress Address, int Port)
{
    /// <summary>Reads "host:port", resolving a host name; throws <see cref="FormatException"/> for text that is not one.</summary>
    public static DnsServerAddress Parse(string text)
    {
        if (!TrySplit(text, out var host, out var port))
            throw new FormatException($"'{text}' is not host:port with a port from 1 to 65535.");
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
        catch (Exception e) when (e is FormatException or System.Net.Sockets.SocketException or ArgumentException or InvalidOperationException)
        {
            address = null;
            return false;
        }
    }

    /// <summary>Whether the text is host[:port] with a port from 1 to 65535, without looking the host up (what a save checks).</summary>
    public static bool IsWellFormed(string text) => TrySplit(text, out _, out _);

    private static bool TrySplit(string text, out string host, out int port)
    {
        (host, port) = (text.Trim(), 53);
        var portText = (string?)null;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']');
            if (close < 2 || (host.Length > close + 1 && host[close + 1] != ':'))
                return false;
            portText = host.Length > close + 1 ? host[(close + 2)..] : null;
            host = host[1..close];
        }
        else if (host.Count(c => c == ':') == 1)
        {
            portText = host[(host.IndexOf(':') + 1)..];
            host = host[..host.IndexOf(':')];
        }
        if (portText is not null && !(int.TryParse(portText, System.Globalization.NumberStyles.None, null, out port) && port is >= 1 and <= 65535))
            return false;
        return host.Length is > 0 and <= 253 && !host.Any(char.IsWhiteSpace);
    }

    /// <summary>A client that asks only this server, over UDP with TCP fallback, on its port.</summary>
    public ARSoft.Tools.Net.Dns.DnsClient CreateClient(int timeoutMilliseconds) =>
        new([Address], [new ARSoft.Tools.Net.Dns.UdpClientTransport(Port), new ARSoft.Tools.Net.Dns.TcpClientTransport(Port)], disposeTransport: true, queryTimeout: timeoutMilliseconds);

    public override string ToString() => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
