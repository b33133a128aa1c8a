using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace CertPortal.Features.Deployments.Runs;

/// <summary>
/// The verification handshake: connects to the endpoint as a client would (with SNI), reads the leaf it serves and
/// returns its SHA-256. Trust is not checked here on purpose: the question is which certificate is served.
/// </summary>
public sealed class ServedCertificateProbe
{
    public async Task<string> ServedThumbprintAsync(string host, int port, string? sni, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host, port, timeout.Token);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = sni ?? host }, timeout.Token);
        var served = tls.RemoteCertificate ?? throw new System.Security.Authentication.AuthenticationException("The endpoint served no certificate.");
        return Convert.ToHexStringLower(SHA256.HashData(served.GetRawCertData()));
    }
}
