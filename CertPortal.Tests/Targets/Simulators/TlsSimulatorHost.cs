using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Targets.Simulators;

/// <summary>
/// A firewall simulator's Kestrel app: the management API over HTTPS with a self-signed certificate (as devices ship,
/// so tests use pinned trust) until the device binds another to its management (admin GUI) interface, which the API
/// then presents too; and a second TLS port for a service such as SSL-VPN, serving what the device bound there.
/// </summary>
public sealed class TlsSimulatorHost : IAsyncDisposable
{
    private readonly Func<X509Certificate2?> boundToManagement, boundToService;
    private WebApplication app = null!;
    private (X509Certificate2 Management, X509Certificate2 Service)? kept;

    private TlsSimulatorHost(Func<X509Certificate2?> boundToManagement, Func<X509Certificate2?> boundToService)
    {
        (this.boundToManagement, this.boundToService) = (boundToManagement, boundToService);
        (ApiPort, ServedPort) = (FreePort.Next(), FreePort.Next());
    }

    public string BaseUrl => $"https://127.0.0.1:{ApiPort}";

    public int ApiPort { get; }

    public int ServedPort { get; }

    public X509Certificate2 Management { get; } = SelfSigned("simulated-firewall.test");

    public string ManagementSha256 => Convert.ToHexStringLower(SHA256.HashData(Management.RawData));

    /// <summary>
    /// <paramref name="boundToManagement"/>: the certificate the device's management interface uses (null: its own
    /// self-signed one); <paramref name="boundToService"/>: the one on the second port.
    /// </summary>
    public static async Task<TlsSimulatorHost> StartAsync(Action<WebApplication> map, Func<X509Certificate2?> boundToManagement, Func<X509Certificate2?> boundToService)
    {
        var host = new TlsSimulatorHost(boundToManagement, boundToService);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, host.ApiPort, listen => listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => host.OnManagement()));
            kestrel.Listen(IPAddress.Loopback, host.ServedPort, listen => listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => host.OnService()));
        });
        host.app = builder.Build();
        host.app.Use(async (context, next) =>
        {
            // A device restarts its HTTPS server when the management certificate changes: the open connection ends and
            // the next call's handshake meets the new certificate, as a client pinned to the old one would.
            var before = host.OnManagement();
            context.Response.OnStarting(() =>
            {
                if (!ReferenceEquals(before, host.OnManagement()))
                    context.Response.Headers.Connection = "close";
                return Task.CompletedTask;
            });
            await next(context);
        });
        map(host.app);
        await host.app.StartAsync();
        return host;
    }

    /// <summary>From now on both ports keep serving what they serve now, whatever the API binds (a change that does not take).</summary>
    public void KeepServingCurrent() => kept = (OnManagement(), OnService());

    private X509Certificate2 OnManagement() => kept?.Management ?? boundToManagement() ?? Management;

    private X509Certificate2 OnService() => kept?.Service ?? boundToService() ?? Management;

    public static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Round-trip through PKCS#12 so SslStream on Linux gets a key it can use for the server side.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Management.Dispose();
    }
}
