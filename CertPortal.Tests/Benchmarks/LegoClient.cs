using System.Diagnostics;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Benchmarks;

/// <summary>
/// Debian's <c>lego</c> (4.9.1) ordering from the same Pebble with the same BIND through <c>--dns rfc2136</c>: the
/// yardstick the issue measures the portal against. One process per certificate, as a cron-driven lego runs.
/// </summary>
internal sealed class LegoClient : IDisposable
{
    private const string Program = "/usr/bin/lego";

    private readonly PebbleOnBindFixture _peers;
    private readonly TempFolder _folder = new("lego");
    private readonly string _caFile;

    public LegoClient(PebbleOnBindFixture peers)
    {
        if (!File.Exists(Program))
            throw new InvalidOperationException($"{Program} is missing: apt-get install lego");
        _peers = peers;
        _caFile = Path.Combine(_folder.Path, "pebble-tls-root.pem");
        File.WriteAllText(_caFile, peers.Pebble.TlsRootPem);
    }

    /// <summary>lego's own defaults for rfc2136, written out so the table says what was compared.</summary>
    public static string Settings => "RFC2136_PROPAGATION_TIMEOUT=60, RFC2136_POLLING_INTERVAL=2 (lego's defaults), --dns.disable-cp";

    /// <summary>Runs <c>lego run</c> for one name (registering the account on first use) and answers how long it took.</summary>
    public async Task<TimeSpan> RunAsync(string domain)
    {
        var info = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "--server", _peers.Pebble.DirectoryUrl.AbsoluteUri, "--accept-tos", "--email", "bench@example.com", "--path", _folder.Path,
                     "--key-type", "ec256", "--dns", "rfc2136", "--dns.resolvers", _peers.Bind.NameServer,
                     // The zone's NS is ns1.example.test on port 53, where nothing listens here: lego would wait for it
                     // until its timeout. The portal likewise asks only its configured resolvers (the same BIND).
                     "--dns.disable-cp", "--domains", domain, "run",
                 })
            info.ArgumentList.Add(arg);
        info.Environment["LEGO_CA_CERTIFICATES"] = _caFile;
        info.Environment["RFC2136_NAMESERVER"] = _peers.Bind.NameServer;
        info.Environment["RFC2136_TSIG_KEY"] = BindFixture.KeyName + ".";
        info.Environment["RFC2136_TSIG_SECRET"] = _peers.Bind.TsigSecret;
        info.Environment["RFC2136_TSIG_ALGORITHM"] = "hmac-sha256.";
        info.Environment["RFC2136_PROPAGATION_TIMEOUT"] = "60";
        info.Environment["RFC2136_POLLING_INTERVAL"] = "2";

        var clock = Stopwatch.StartNew();
        using var lego = Process.Start(info)!;
        var stdout = lego.StandardOutput.ReadToEndAsync();
        var stderr = lego.StandardError.ReadToEndAsync();
        await lego.WaitForExitAsync();
        clock.Stop();
        return lego.ExitCode == 0 && File.Exists(Path.Combine(_folder.Path, "certificates", domain + ".crt"))
            ? clock.Elapsed
            : throw new InvalidOperationException($"lego failed for {domain} (exit {lego.ExitCode}):\n{await stdout}\n{await stderr}");
    }

    public void Dispose() => _folder.Dispose();
}
