using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Targets.Simulators;

/// <summary>
/// A firewall simulator's Kestrel app: the management API over HTTPS with a self-signed certificate (as devices ship,
/// so tests use pinned trust), and a second TLS port serving whatever certificate the simulated device has bound.
/// </summary>
public sealed class TlsSimulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private TlsSimulatorHost(WebApplication app, string baseUrl, int servedPort, X509Certificate2 management)
    {
        this.app = app;
        BaseUrl = baseUrl;
        ServedPort = servedPort;
        Management = management;
    }

    public string BaseUrl { get; }

    public int ServedPort { get; }

    public X509Certificate2 Management { get; }

    public string ManagementSha256 => Convert.ToHexStringLower(SHA256.HashData(Management.RawData));

    public static async Task<TlsSimulatorHost> StartAsync(Action<WebApplication> map, Func<X509Certificate2?> bound)
    {
        var management = SelfSigned("simulated-firewall.test");
        var (apiPort, servedPort) = (FreePort.Next(), FreePort.Next());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, apiPort, listen => listen.UseHttps(management));
            kestrel.Listen(IPAddress.Loopback, servedPort, listen => listen.UseHttps(https =>
                https.ServerCertificateSelector = (_, _) => bound() ?? management));
        });
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new TlsSimulatorHost(app, $"https://127.0.0.1:{apiPort}", servedPort, management);
    }

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
