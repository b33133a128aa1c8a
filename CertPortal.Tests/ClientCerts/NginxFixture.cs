using System.Diagnostics;
using System.Net.Sockets;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.ClientCerts;

/// <summary>
/// Debian's nginx on a loopback port as a TLS server that demands client certificates (<c>ssl_verify_client on</c>)
/// from a CA and checks them against a CRL. Its files live in its own prefix folder; <see cref="ReloadAsync"/> makes it
/// read a new CRL the way an operator would (<c>nginx -s reload</c>).
/// </summary>
public sealed class NginxFixture : IDisposable
{
    public const string Program = "/usr/sbin/nginx";

    private readonly TempFolder _prefix = new("nginx");
    private PeerProcess? _nginx;

    public int Port { get; } = FreePort.Next();

    public string Folder => _prefix.Path;

    public string Url => $"https://127.0.0.1:{Port}/";

    /// <summary>Starts nginx with the server certificate and key, the CA certificates clients must chain to, and the CA's CRL (PEM).</summary>
    public async Task StartAsync(string serverFullChainPem, string serverKeyPem, string caPem, string crlPem)
    {
        Directory.CreateDirectory(Path.Combine(Folder, "logs"));
        Directory.CreateDirectory(Path.Combine(Folder, "tmp"));
        await File.WriteAllTextAsync(Path.Combine(Folder, "server.pem"), serverFullChainPem);
        await File.WriteAllTextAsync(Path.Combine(Folder, "server.key"), serverKeyPem);
        await File.WriteAllTextAsync(Path.Combine(Folder, "ca.pem"), caPem);
        await WriteCrlAsync(crlPem);
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

    public Task WriteCrlAsync(string crlPem) => File.WriteAllTextAsync(Path.Combine(Folder, "ca.crl"), crlPem);

    /// <summary>nginx -s reload: the master re-reads its configuration and files (the CRL) and starts new workers.</summary>
    public async Task ReloadAsync()
    {
        var info = new ProcessStartInfo(Program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-p", Folder, "-c", ConfigPath, "-s", "reload" })
            info.ArgumentList.Add(arg);
        using var reload = Process.Start(info)!;
        var stderr = await reload.StandardError.ReadToEndAsync();
        await reload.WaitForExitAsync();
        if (reload.ExitCode != 0)
            throw new InvalidOperationException($"nginx -s reload failed: {stderr}");
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
                ssl_certificate {{Folder}}/server.pem;
                ssl_certificate_key {{Folder}}/server.key;
                ssl_client_certificate {{Folder}}/ca.pem;
                ssl_verify_client on;
                ssl_verify_depth 3;
                ssl_crl {{Folder}}/ca.crl;
                location / { return 200 "hello $ssl_client_s_dn\n"; }
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
