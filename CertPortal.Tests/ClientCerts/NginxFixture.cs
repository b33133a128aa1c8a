using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.ClientCerts;

/// <summary>
/// Debian's nginx on a loopback port as a TLS server that demands client certificates (<c>ssl_verify_client on</c>)
/// from a CA and checks them against a CRL. Its files live in its own prefix folder; <see cref="ReloadAsync"/> makes it
/// read a new CRL the way an operator would (<c>nginx -s reload</c>).
/// </summary>
public sealed class NginxFixture : IDisposable
{
    private readonly NginxServer _nginx = new("nginx");

    public int Port => _nginx.Port;

    public string Folder => _nginx.Folder;

    public string Url => $"https://127.0.0.1:{Port}/";

    /// <summary>What <c>ssl_client_certificate</c> reads.</summary>
    public string CaPath => Path.Combine(Folder, "ca.pem");

    /// <summary>What <c>ssl_crl</c> reads.</summary>
    public string CrlPath => Path.Combine(Folder, "ca.crl");

    /// <summary>The commands an ssh target runs on this host to check the configuration and to reload.</summary>
    public string TestCommand => $"{NginxServer.Program} -p {Folder} -c {_nginx.ConfigPath} -t";

    public string ReloadCommand => $"{NginxServer.Program} -p {Folder} -c {_nginx.ConfigPath} -s reload";

    /// <summary>Starts nginx with the server certificate and key, the CA certificates clients must chain to, and the CA's CRL (PEM).</summary>
    public async Task StartAsync(string serverFullChainPem, string serverKeyPem, string caPem, string crlPem)
    {
        await File.WriteAllTextAsync(Path.Combine(Folder, "server.pem"), serverFullChainPem);
        await File.WriteAllTextAsync(Path.Combine(Folder, "server.key"), serverKeyPem);
        await File.WriteAllTextAsync(Path.Combine(Folder, "ca.pem"), caPem);
        await WriteCrlAsync(crlPem);
        await _nginx.StartAsync($$"""
                    ssl_certificate {{Folder}}/server.pem;
                    ssl_certificate_key {{Folder}}/server.key;
                    ssl_client_certificate {{Folder}}/ca.pem;
                    ssl_verify_client on;
                    ssl_verify_depth 3;
                    ssl_crl {{Folder}}/ca.crl;
                    location / { return 200 "hello $ssl_client_s_dn\n"; }
            """);
    }

    public Task WriteCrlAsync(string crlPem) => File.WriteAllTextAsync(Path.Combine(Folder, "ca.crl"), crlPem);

    /// <summary>nginx -s reload: the master re-reads its configuration and files (the CRL) and starts new workers.</summary>
    public Task ReloadAsync() => _nginx.ReloadAsync();

    public string ErrorLog() => _nginx.ErrorLog();

    public void Dispose() => _nginx.Dispose();
}
