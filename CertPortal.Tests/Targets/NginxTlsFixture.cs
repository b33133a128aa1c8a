using System.Net.Sockets;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Targets;

/// <summary>
/// Debian's nginx on a loopback port serving TLS from PEM files in its own prefix folder: the files an ssh target
/// replaces. <see cref="TestCommand"/> and <see cref="ReloadCommand"/> are what such a target runs on the host.
/// </summary>
public sealed class NginxTlsFixture : IDisposable
{
    public const string Program = "/usr/sbin/nginx";

    private readonly TempFolder _prefix = new("nginx-tls");
    private PeerProcess? _nginx;

    public int Port { get; } = FreePort.Next();

    public string Folder => _prefix.Path;

    public string CertPath => Path.Combine(Folder, "cert.pem");

    public string KeyPath => Path.Combine(Folder, "key.pem");

    public string ChainPath => Path.Combine(Folder, "chain.pem");

    /// <summary>What <c>ssl_certificate</c> reads.</summary>
    public string FullChainPath => Path.Combine(Folder, "fullchain.pem");

    public string TestCommand => $"{Program} -p {Folder} -c {ConfigPath} -t";

    public string ReloadCommand => $"{Program} -p {Folder} -c {ConfigPath} -s reload";

    /// <summary>Starts nginx serving <paramref name="fullChainPem"/> with <paramref name="keyPem"/>.</summary>
    public async Task StartAsync(string leafPem, string fullChainPem, string keyPem)
    {
        Directory.CreateDirectory(Path.Combine(Folder, "logs"));
        Directory.CreateDirectory(Path.Combine(Folder, "tmp"));
        await File.WriteAllTextAsync(CertPath, leafPem);
        await File.WriteAllTextAsync(ChainPath, "");
        await File.WriteAllTextAsync(FullChainPath, fullChainPem);
        await File.WriteAllTextAsync(KeyPath, keyPem);
        File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(ConfigPath, Config());
        _nginx = PeerProcess.Start(Program, ["-p", Folder, "-c", ConfigPath, "-g", "daemon off;"]);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await AcceptsAsync())
        {
            if (_nginx.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"nginx did not listen on {Port}:\n{_nginx.Output}\n{ErrorLog()}");
            await Task.Delay(100);
        }
    }

    public string ErrorLog() => File.Exists(Path.Combine(Folder, "logs", "error.log")) ? File.ReadAllText(Path.Combine(Folder, "logs", "error.log")) : "";

    private string ConfigPath => Path.Combine(Folder, "nginx.conf");

    private string Config() => $$"""
        worker_processes 1;
        pid {{Folder}}/nginx.pid;
        error_log {{Folder}}/logs/error.log info;
        events { worker_connections 64; }
        http {
            access_log {{Folder}}/logs/access.log;
            client_body_temp_path {{Folder}}/tmp/body;
            proxy_temp_path {{Folder}}/tmp/proxy;
            fastcgi_temp_path {{Folder}}/tmp/fastcgi;
            uwsgi_temp_path {{Folder}}/tmp/uwsgi;
            scgi_temp_path {{Folder}}/tmp/scgi;
            server {
                listen 127.0.0.1:{{Port}} ssl;
                ssl_certificate {{FullChainPath}};
                ssl_certificate_key {{KeyPath}};
                location / { return 200 "ok\n"; }
            }
        }
        """;

    private async Task<bool> AcceptsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _nginx?.Dispose();
        _prefix.Dispose();
    }
}
