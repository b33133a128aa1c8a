using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Ftp;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Ftp;

/// <summary>
/// Debian's vsftpd in the foreground on a loopback port with its own config: anonymous logins that may upload and
/// delete in <see cref="Root"/>, passive ports of its own, and explicit TLS (AUTH TLS) with a self-signed certificate
/// made here. The password <see cref="RefusedPassword"/> is banned (deny_email_enable), so a wrong password is testable.
/// </summary>
public sealed class VsftpdFixture : IAsyncLifetime
{
    public const string Program = "/usr/sbin/vsftpd";
    public const string User = "anonymous";
    public const string Password = "certportal@example.test";
    public const string RefusedPassword = "wrong-password";

    private readonly TempFolder _folder = new("vsftpd");
    private PeerProcess? _vsftpd;

    public int Port { get; } = FreePort.Next();

    /// <summary>The folder an anonymous login lands in; uploaded files appear here.</summary>
    public string Root => Path.Combine(_folder.Path, "root");

    public string CertificateSha256 { get; private set; } = "";

    /// <summary>Trusts exactly this server's self-signed certificate, the way a pinned target does.</summary>
    public RemoteCertificateValidationCallback Pinned => (_, certificate, _, _) =>
        certificate is not null && Convert.ToHexStringLower(SHA256.HashData(certificate.GetRawCertData())) == CertificateSha256;

    public FtpConnection Connection(bool tls, string password = Password) =>
        new("127.0.0.1", Port, User, password, tls, tls ? Pinned : null, TimeSpan.FromSeconds(10));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Path.Combine(_folder.Path, "empty"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CertificateSha256 = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "cert.pem"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "banned"), RefusedPassword + "\n");
        var config = Path.Combine(_folder.Path, "vsftpd.conf");
        await File.WriteAllTextAsync(config, Config());
        _vsftpd = PeerProcess.Start(Program, [config]);
        await _vsftpd.WaitUntilListeningAsync(Port);
    }

    private string Config()
    {
        var passive = FreePort.Next();
        // One passive port range per fixture; ports next to a free one are usually free too, and vsftpd retries inside the range.
        // require_ssl_reuse=NO: SslStream does not resume the control connection's TLS session on data connections (vsftpd: 522).
        return $"""
            listen=YES
            listen_ipv6=NO
            listen_address=127.0.0.1
            listen_port={Port}
            background=NO
            run_as_launching_user=YES
            seccomp_sandbox=NO
            anonymous_enable=YES
            local_enable=NO
            write_enable=YES
            anon_upload_enable=YES
            anon_other_write_enable=YES
            anon_umask=022
            anon_root={Root}
            allow_writeable_chroot=YES
            deny_email_enable=YES
            banned_email_file={_folder.Path}/banned
            secure_chroot_dir={_folder.Path}/empty
            pasv_enable=YES
            pasv_address=127.0.0.1
            pasv_min_port={passive}
            pasv_max_port={Math.Min(passive + 20, 65535)}
            xferlog_enable=NO
            ssl_enable=YES
            allow_anon_ssl=YES
            force_anon_logins_ssl=NO
            force_anon_data_ssl=NO
            rsa_cert_file={_folder.Path}/cert.pem
            rsa_private_key_file={_folder.Path}/key.pem
            require_ssl_reuse=NO
            """;
    }

    public Task DisposeAsync()
    {
        _vsftpd?.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
