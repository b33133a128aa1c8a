using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Tests.Infrastructure;

/// <summary>
/// Debian's nginx in the foreground with its own prefix folder and one TLS server on a loopback port; the test gives
/// the server block's directives. <see cref="ReloadAsync"/> is what an operator does (<c>nginx -s reload</c>).
/// </summary>
public sealed class NginxServer(string name) : IDisposable
{
    public const string Program = "/usr/sbin/nginx";

    private readonly TempFolder _prefix = new(name);
    private PeerProcess? _nginx;

    public int Port { get; } = FreePort.Next();

    public string Folder => _prefix.Path;

    public string ConfigPath => Path.Combine(Folder, "nginx.conf");

    /// <summary>Writes the configuration around <paramref name="serverDirectives"/> and starts nginx once it passes.</summary>
    public async Task StartAsync(string serverDirectives)
    {
        Directory.CreateDirectory(Path.Combine(Folder, "logs"));
        Directory.CreateDirectory(Path.Combine(Folder, "tmp"));
        await File.WriteAllTextAsync(ConfigPath, $$"""
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
            {{serverDirectives}}
                }
            }
            """);
        _nginx = PeerProcess.Start(Program, ["-p", Folder, "-c", ConfigPath, "-g", "daemon off;"]);
        await _nginx.WaitUntilListeningAsync(Port, ErrorLog);
    }

    /// <summary>
    /// Starts nginx as a TLS reverse proxy for the portal on <paramref name="portalPort"/>, as production runs it: the
    /// client's host and port, address and scheme go along. Answers the proxy's self-signed certificate (PEM), for
    /// 127.0.0.1, for a client to trust.
    /// </summary>
    public async Task<string> StartTlsProxyAsync(int portalPort)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(Path.Combine(Folder, "portal.crt"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(Folder, "portal.key"), key.ExportPkcs8PrivateKeyPem());
        await StartAsync($$"""
                    ssl_certificate {{Folder}}/portal.crt;
                    ssl_certificate_key {{Folder}}/portal.key;
                    location / {
                        proxy_pass http://127.0.0.1:{{portalPort}};
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                    }
            """);
        return certificate.ExportCertificatePem();
    }

    /// <summary>
    /// nginx -s reload: the master re-reads its configuration and files and starts new workers. Returns once the old
    /// workers have exited: until then an old one can still accept a connection and serve the old certificate.
    /// </summary>
    public async Task ReloadAsync()
    {
        var oldWorkers = Workers();
        var info = new ProcessStartInfo(Program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-p", Folder, "-c", ConfigPath, "-s", "reload" })
            info.ArgumentList.Add(arg);
        using var reload = Process.Start(info)!;
        var stderr = await reload.StandardError.ReadToEndAsync();
        await reload.WaitForExitAsync();
        if (reload.ExitCode != 0)
            throw new InvalidOperationException($"nginx -s reload failed: {stderr}");
        var until = DateTime.UtcNow.AddSeconds(20);
        while (oldWorkers.Any(pid => Directory.Exists($"/proc/{pid}")) && DateTime.UtcNow < until)
            await Task.Delay(50);
    }

    // The master's children, read from /proc: each /proc/PID/stat has the parent's pid as its fourth field.
    private List<int> Workers()
    {
        var masterFile = Path.Combine(Folder, "nginx.pid");
        if (!File.Exists(masterFile) || !int.TryParse(File.ReadAllText(masterFile).Trim(), out var master))
            return [];
        var workers = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                // The program name (second field) is in parentheses and may hold spaces: count from the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.TryParse(fields[1], out var parent) && parent == master)
                    workers.Add(pid);
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }
        return workers;
    }

    public string ErrorLog() => File.Exists(Path.Combine(Folder, "logs", "error.log")) ? File.ReadAllText(Path.Combine(Folder, "logs", "error.log")) : "";

    public void Dispose()
    {
        _nginx?.Dispose();
        _prefix.Dispose();
    }
}
