using System.Runtime.Versioning;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Targets;

/// <summary>
/// nginx on a loopback port serving TLS from PEM files in its own prefix folder: the files an ssh target replaces.
/// <see cref="TestCommand"/> and <see cref="ReloadCommand"/> are what such a target runs on the host.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class NginxTlsFixture : IDisposable
{
    private readonly NginxServer _nginx = new("nginx-tls");

    public int Port => _nginx.Port;

    public string Folder => _nginx.Folder;

    public string CertPath => Path.Combine(Folder, "cert.pem");

    public string KeyPath => Path.Combine(Folder, "key.pem");

    public string ChainPath => Path.Combine(Folder, "chain.pem");

    /// <summary>What <c>ssl_certificate</c> reads.</summary>
    public string FullChainPath => Path.Combine(Folder, "fullchain.pem");

    public string TestCommand => $"{NginxServer.Program} -p {Folder} -c {_nginx.ConfigPath} -t";

    public string ReloadCommand => $"{NginxServer.Program} -p {Folder} -c {_nginx.ConfigPath} -s reload";

    /// <summary>Starts nginx serving <paramref name="fullChainPem"/> with <paramref name="keyPem"/> (mode 0600).</summary>
    public async Task StartAsync(string leafPem, string fullChainPem, string keyPem)
    {
        await File.WriteAllTextAsync(CertPath, leafPem);
        await File.WriteAllTextAsync(ChainPath, "");
        await File.WriteAllTextAsync(FullChainPath, fullChainPem);
        await File.WriteAllTextAsync(KeyPath, keyPem);
        File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await _nginx.StartAsync($$"""
                    ssl_certificate {{FullChainPath}};
                    ssl_certificate_key {{KeyPath}};
                    location / { return 200 "ok\n"; }
            """);
    }

    public void Dispose() => _nginx.Dispose();
}
