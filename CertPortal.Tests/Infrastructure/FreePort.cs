using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CertPortal.Tests.Infrastructure;

public static class FreePort
{
    // Below Linux's ephemeral range (32768–60999): the kernel never hands these to outgoing connections or to
    // listeners on port 0, so a port stays free between being chosen here and the peer binding it.
    private const int First = 20000, Last = 32700;

    private static readonly ConcurrentDictionary<int, byte> Handed = new();

    /// <summary>
    /// A loopback port free for both TCP and UDP right now (DNS peers listen on both), never handed out twice in
    /// this test run, so two fixtures starting at once do not race for the same port.
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            if (!Handed.TryAdd(port, 0))
                continue;
            try
            {
                using var tcp = new TcpListener(IPAddress.Loopback, port);
                tcp.Start();
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken by something else: leave it marked as handed and try another.
            }
        }
        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }
}
