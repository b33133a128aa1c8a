using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace CertPortal.Tests.Endpoints;

/// <summary>What a loopback TLS port serves now, read as a client would, to wait for a reload to take.</summary>
public static class ServedThumbprint
{
    public static async Task<string> ReadAsync(int port, string sni)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = sni });
        return Convert.ToHexStringLower(SHA256.HashData(tls.RemoteCertificate!.GetRawCertData()));
    }

    public static async Task<string> WaitForChangeAsync(int port, string sni, string before)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var served = await ReadAsync(port, sni);
            if (served != before || DateTime.UtcNow > until)
                return served;
            await Task.Delay(100);
        }
    }
}
