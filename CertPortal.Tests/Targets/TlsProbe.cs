using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace CertPortal.Tests.Targets;

/// <summary>What a TLS endpoint serves: a handshake that accepts any certificate and hashes the leaf, as verification does.</summary>
public static class TlsProbe
{
    public static async Task<string> ServedThumbprintAsync(string host, int port, string? sni)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host, port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = sni ?? host });
        return Convert.ToHexStringLower(SHA256.HashData(tls.RemoteCertificate!.GetRawCertData()));
    }
}
