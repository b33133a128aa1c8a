using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Features.Endpoints;

/// <summary>
/// One TLS handshake as a client makes it (with SNI when a name is known), keeping the chain exactly as the server
/// sent it. Trust is not decided here: the served chain is judged afterwards by <see cref="ServedChainReview"/>.
/// </summary>
public sealed class TlsProbe
{
    /// <summary>
    /// The served chain (leaf first), or null when nothing listens (refused, or no answer within the connect timeout).
    /// </summary>
    /// <exception cref="IOException">Something listens but did not complete a TLS handshake in time.</exception>
    public async Task<ServedChain?> ProbeAsync(string host, int port, string? serverName, TimeSpan connectTimeout, TimeSpan handshakeTimeout, CancellationToken ct)
    {
        using var tcp = new TcpClient();
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            connecting.CancelAfter(connectTimeout);
            try
            {
                await tcp.ConnectAsync(host, port, connecting.Token);
            }
            catch (Exception e) when (e is SocketException || e is OperationCanceledException && !ct.IsCancellationRequested)
            {
                return null;
            }
        }
        List<X509Certificate2> served = [];
        using var handshaking = CancellationTokenSource.CreateLinkedTokenSource(ct);
        handshaking.CancelAfter(handshakeTimeout);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, chain, _) =>
        {
            // The extra store holds what the peer sent beside its leaf; the built chain may hold more than was sent.
            if (certificate is null)
                return true;
            var leaf = certificate.GetRawCertData();
            served = [X509CertificateLoader.LoadCertificate(leaf)];
            served.AddRange((chain?.ChainPolicy.ExtraStore ?? []).Where(c => !c.RawData.AsSpan().SequenceEqual(leaf)).Select(c => X509CertificateLoader.LoadCertificate(c.RawData)));
            return true;
        });
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = serverName ?? "",
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, handshaking.Token);
        }
        catch (Exception e) when (e is OperationCanceledException && !ct.IsCancellationRequested || e is System.Security.Authentication.AuthenticationException)
        {
            throw new IOException($"No TLS handshake: {e.Message}", e);
        }
        if (served.Count == 0)
            throw new IOException("The endpoint served no certificate.");
        return new ServedChain(served);
    }
}
