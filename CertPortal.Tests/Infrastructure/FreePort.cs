using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CertPortal.Tests.Infrastructure;

public static class FreePort
{
    private static readonly ConcurrentDictionary<int, byte> Handed = new();

    /// <summary>
    /// A loopback port free for both TCP and UDP right now (DNS peers listen on both), never handed out twice in
    /// this test run, so two fixtures starting at once do not race for the same port.
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException) when (attempt < 50)
            {
                continue;
            }
            if (Handed.TryAdd(port, 0))
                return port;
        }
    }
}
