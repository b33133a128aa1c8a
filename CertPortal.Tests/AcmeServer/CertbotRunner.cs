using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.AcmeServer;

/// <summary>
/// Debian's certbot (2.1) against the portal's ACME server, with its config, work and log folders of its own:
/// <c>--standalone</c> serves http-01 on the fixture's HttpChallengePort; the rfc2136 plugin writes dns-01 into BIND.
/// </summary>
internal sealed class CertbotRunner(AcmeServerFixture acme) : IDisposable
{
    private const string Program = "/usr/bin/certbot";

    private readonly TempFolder _folder = new("certbot");

    public string FullChainPath(string domain) => Path.Combine(_folder.Path, "config", "live", domain, "fullchain.pem");

    public string CertificatePath(string domain) => Path.Combine(_folder.Path, "config", "live", domain, "cert.pem");

    public string Folder => _folder.Path;

    public Task<CommandRun> CertonlyAsync(string domain, string challenge, (string KeyId, string HmacKey) eab)
    {
        var args = new List<string>
        {
            "certonly", "--non-interactive", "--agree-tos", "--register-unsafely-without-email", "--server", acme.DirectoryUrl,
            "--config-dir", Path.Combine(_folder.Path, "config"), "--work-dir", Path.Combine(_folder.Path, "work"), "--logs-dir", Path.Combine(_folder.Path, "logs"),
            "--eab-kid", eab.KeyId, "--eab-hmac-key", eab.HmacKey, "--key-type", "ecdsa", "-d", domain,
        };
        if (challenge == "http-01")
            args.AddRange(["--standalone", "--http-01-port", acme.HttpChallengePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--http-01-address", "127.0.0.1"]);
        else
        {
            var credentials = Path.Combine(_folder.Path, "rfc2136.ini");
            File.WriteAllText(credentials, $"""
                dns_rfc2136_server = 127.0.0.1
                dns_rfc2136_port = {acme.Bind.Port}
                dns_rfc2136_name = {BindFixture.KeyName}
                dns_rfc2136_secret = {acme.Bind.TsigSecret}
                dns_rfc2136_algorithm = HMAC-SHA256
                """ + "\n");
            // certbot warns about a credentials file others can read.
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(credentials, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            args.AddRange(["--dns-rfc2136", "--dns-rfc2136-credentials", credentials, "--dns-rfc2136-propagation-seconds", "1"]);
        }
        return CommandRun.RunAsync(Program, args);
    }

    public void Dispose() => _folder.Dispose();
}
