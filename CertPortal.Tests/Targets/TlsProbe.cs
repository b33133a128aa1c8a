using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace CertPortal.Tests.Targets;

/// <summary>A TLS handshake that reads the leaf an endpoint serves, as verification does; trusts anything, checks nothing else.</summary>
public static class TlsProbe
{
    public static async Task<string> ServedThumbprintAsync(string host, int port, string? sni)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host, port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = sni ?? host,
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        var leaf = tls.RemoteCertificate ?? throw new InvalidOperationException($"{host}:{port} served no certificate.");
        return Convert.ToHexStringLower(SHA256.HashData(leaf.GetRawCertData()));
    }
}
