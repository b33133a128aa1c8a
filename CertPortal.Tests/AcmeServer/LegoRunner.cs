using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.AcmeServer;

/// <summary>
/// Debian's lego (4.9.1) against the portal's ACME server, in a folder of its own (its account and certificates).
/// http-01 is served by lego itself on the fixture's HttpChallengePort; dns-01 goes to BIND through lego's rfc2136.
/// </summary>
internal sealed class LegoRunner(AcmeServerFixture acme) : IDisposable
{
    private const string Program = "/usr/bin/lego";

    private readonly TempFolder _folder = new("lego");

    public string CertificatePath(string domain) => Path.Combine(_folder.Path, "certificates", domain.Replace("*", "_") + ".crt");

    public Task<CommandRun> RunAsync(string domain, string challenge, (string KeyId, string HmacKey)? eab, params string[] command)
    {
        var args = new List<string> { "--server", acme.DirectoryUrl, "--accept-tos", "--email", "ops@example.com", "--path", _folder.Path, "--key-type", "ec256", "--domains", domain };
        if (eab is { } key)
            args.AddRange(["--eab", "--kid", key.KeyId, "--hmac", key.HmacKey]);
        args.AddRange(challenge == "http-01"
            ? ["--http", "--http.port", $"127.0.0.1:{acme.HttpChallengePort}"]
            : ["--dns", "rfc2136", "--dns.resolvers", acme.Bind.NameServer, "--dns.disable-cp"]);
        args.AddRange(command.Length == 0 ? ["run"] : command);
        return CommandRun.RunAsync(Program, args, new Dictionary<string, string>
        {
            ["RFC2136_NAMESERVER"] = acme.Bind.NameServer,
            ["RFC2136_TSIG_KEY"] = BindFixture.KeyName + ".",
            ["RFC2136_TSIG_SECRET"] = acme.Bind.TsigSecret,
            ["RFC2136_TSIG_ALGORITHM"] = "hmac-sha256.",
            ["RFC2136_PROPAGATION_TIMEOUT"] = "30",
            ["RFC2136_POLLING_INTERVAL"] = "1",
        });
    }

    public string Folder => _folder.Path;

    public void Dispose() => _folder.Dispose();
}
