using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Targets.Simulators;

/// <summary>
/// What HTTP.sys serves for the simulated bindings: one TLS listener on a loopback port per binding port. The
/// certificate is chosen as HTTP.sys does: an SNI binding for the client's server name first, then a non-SNI binding
/// of that port (its ip:port certificate). No certificate (or one gone from the store) fails the handshake.
/// </summary>
public sealed class SimulatedHttpSys(Func<int, string?, X509Certificate2?> select) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, (TcpListener Listener, int Loopback)> _listeners = new();
    private readonly CancellationTokenSource _stop = new();

    /// <summary>The loopback port that answers for binding port <paramref name="bindingPort"/>.</summary>
    public int LoopbackPortFor(int bindingPort) => _listeners.GetOrAdd(bindingPort, port =>
    {
        var loopback = FreePort.Next();
        var listener = new TcpListener(IPAddress.Loopback, loopback);
        listener.Start();
        _ = AcceptAsync(listener, port);
        return (listener, loopback);
    }).Loopback;

    private async Task AcceptAsync(TcpListener listener, int bindingPort)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = HandshakeAsync(client, bindingPort);
        }
    }

    private async Task HandshakeAsync(TcpClient client, int bindingPort)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificateSelectionCallback = (_, sni) => select(bindingPort, sni) ?? throw new AuthenticationFailure(),
                }, _stop.Token);
                await tls.ShutdownAsync();
            }
            catch (Exception)
            {
                // A failed handshake is what a client sees; nothing to do here.
            }
        }
    }

    private sealed class AuthenticationFailure() : Exception("HTTP.sys has no certificate for this endpoint.");

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (var (listener, _) in _listeners.Values)
            listener.Stop();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
