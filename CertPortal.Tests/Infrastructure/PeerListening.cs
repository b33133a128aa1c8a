using System.Net.Sockets;

namespace CertPortal.Tests.Infrastructure;

/// <summary>Waits until a peer program accepts TCP connections on its loopback port, or says why it did not.</summary>
public static class PeerListening
{
    public static async Task WaitAsync(PeerProcess peer, int port, string name, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!await AcceptsAsync(port))
        {
            if (peer.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{name} did not listen on {port}:\n{peer.Output}");
            await Task.Delay(100);
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
