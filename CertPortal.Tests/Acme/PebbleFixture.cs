using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPortal.Acme;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Acme;

/// <summary>
/// Debian's Pebble (Let's Encrypt's test CA) on loopback ports, with pebble-challtestsrv as the DNS server its
/// validation asks. The fixture makes Pebble's TLS certificate. Subclasses turn on nonce rejection or EAB.
/// </summary>
public class PebbleFixture : IAsyncLifetime
{
    public const string EabKeyId = "kid-1";
    public const string EabHmacKeyBase64Url = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";

    private readonly TempFolder _folder = new("pebble");
    private PeerProcess? _pebble;
    private PeerProcess? _challtestsrv;
    private HttpClient? _management;
    private readonly HttpClient _challenges = new();

    protected virtual bool RequireEab => false;

    /// <summary>The HMAC key Pebble holds for <see cref="EabKeyId"/>.</summary>
    protected virtual string EabHmacKey => EabHmacKeyBase64Url;

    protected virtual int NonceRejectPercent => 0;

    protected virtual bool AlternateRoots => false;

    /// <summary>Set before start to make Pebble's validation ask this server (e.g. BIND) instead of pebble-challtestsrv.</summary>
    public string? DnsServer { get; set; }

    /// <summary>Set before start: the port Pebble's HTTP-01 validation connects to (e.g. the portal's), else a free one.</summary>
    public int? HttpPort { get; set; }

    public Uri DirectoryUrl { get; private set; } = default!;

    /// <summary>The root that signs Pebble's own TLS certificate (what an account's <c>trustedRootsPem</c> holds).</summary>
    public string TlsRootPem { get; private set; } = "";

    public int ManagementPort { get; private set; }

    /// <summary>Pebble's TLS certificate (for 127.0.0.1, signed by <see cref="TlsRootPem"/>) and key, for simulators beside it.</summary>
    public string TlsCertificateFile { get; private set; } = "";

    public string TlsKeyFile { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var (acmePort, managementPort, dnsPort, challengeManagementPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        ManagementPort = managementPort;
        var (certFile, keyFile) = WriteTlsCertificate();
        (TlsCertificateFile, TlsKeyFile) = (certFile, keyFile);
        var config = new Dictionary<string, object?>
        {
            ["listenAddress"] = $"127.0.0.1:{acmePort}",
            ["managementListenAddress"] = $"127.0.0.1:{managementPort}",
            ["certificate"] = certFile,
            ["privateKey"] = keyFile,
            ["httpPort"] = HttpPort ?? FreePort.Next(),
            ["tlsPort"] = FreePort.Next(),
            ["ocspResponderURL"] = "",
            ["externalAccountBindingRequired"] = RequireEab,
            ["externalAccountMACKeys"] = new Dictionary<string, string> { [EabKeyId] = EabHmacKey },
        };
        var configFile = Path.Combine(_folder.Path, "pebble-config.json");
        await File.WriteAllTextAsync(configFile, JsonSerializer.Serialize(new { pebble = config }));

        // pebble-challtestsrv stays up either way: its management port is how tests publish TXT without a provider.
        _challtestsrv = PeerProcess.Start("/usr/bin/pebble-challtestsrv",
            ["-defaultIPv4", "127.0.0.1", "-defaultIPv6", "", "-dns01", $"127.0.0.1:{dnsPort}", "-http01", "", "-https01", "", "-tlsalpn01", "",
             "-management", $"127.0.0.1:{challengeManagementPort}"]);
        var environment = new Dictionary<string, string>
        {
            ["PEBBLE_VA_NOSLEEP"] = "1",
            ["PEBBLE_WFE_NONCEREJECT"] = NonceRejectPercent.ToString(),
            ["PEBBLE_AUTHZREUSE"] = "0",
        };
        if (AlternateRoots)
            environment["PEBBLE_ALTERNATE_ROOTS"] = "1";
        _pebble = PeerProcess.Start("/usr/bin/pebble", ["-config", configFile, "-dnsserver", DnsServer ?? $"127.0.0.1:{dnsPort}"], environment);

        DirectoryUrl = new Uri($"https://127.0.0.1:{acmePort}/dir");
        _challenges.BaseAddress = new Uri($"http://127.0.0.1:{challengeManagementPort}");
        _management = AcmeClient.CreateHttpClient(TlsRootPem);
        _management.BaseAddress = new Uri($"https://127.0.0.1:{managementPort}");
        using var probe = AcmeClient.CreateHttpClient(TlsRootPem);
        // Time-bound, not attempt-bound: on 2 busy cores Pebble can take well over ten seconds to listen.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await probe.GetAsync(DirectoryUrl)).IsSuccessStatusCode && (await _challenges.PostAsJsonAsync("/clear-txt", new { host = "probe.test." })).IsSuccessStatusCode)
                    break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline || _pebble.HasExited || _challtestsrv.HasExited)
                throw new InvalidOperationException($"Pebble did not start.\n{_pebble.Output}\n{_challtestsrv.Output}");
            await Task.Delay(100);
        }
    }

    public AcmeClient NewClient(AcmeAccountKey key, Uri? accountUrl = null) =>
        new(AcmeClient.CreateHttpClient(TlsRootPem), DirectoryUrl, key, accountUrl);

    /// <summary>Publishes a TXT record in the DNS that Pebble's validation asks.</summary>
    public async Task SetTxtAsync(string name, string value) =>
        (await _challenges.PostAsJsonAsync("/set-txt", new { host = name.TrimEnd('.') + ".", value })).EnsureSuccessStatusCode();

    public async Task ClearTxtAsync(string name) =>
        (await _challenges.PostAsJsonAsync("/clear-txt", new { host = name.TrimEnd('.') + "." })).EnsureSuccessStatusCode();

    /// <summary>Pebble's issuing root (new at every start), from its management port.</summary>
    public Task<string> RootPemAsync(int index = 0) => _management!.GetStringAsync($"/roots/{index}");

    /// <summary>"Valid" or "Revoked", from Pebble's management port.</summary>
    public async Task<string> CertificateStatusAsync(X509Certificate2 certificate)
    {
        var json = await _management!.GetFromJsonAsync<JsonElement>($"/cert-status-by-serial/{certificate.SerialNumber.TrimStart('0').ToLowerInvariant()}");
        return json.GetProperty("Status").GetString()!;
    }

    private (string Cert, string Key) WriteTlsCertificate()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=CertPortal test Pebble TLS root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=127.0.0.1", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        san.AddDnsName("localhost");
        leafRequest.CertificateExtensions.Add(san.Build());
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = leafRequest.Create(root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), RandomNumberGenerator.GetBytes(16));

        TlsRootPem = root.ExportCertificatePem();
        var certFile = Path.Combine(_folder.Path, "cert.pem");
        var keyFile = Path.Combine(_folder.Path, "key.pem");
        File.WriteAllText(certFile, leaf.ExportCertificatePem() + "\n" + TlsRootPem);
        File.WriteAllText(keyFile, leafKey.ExportECPrivateKeyPem());
        return (certFile, keyFile);
    }

    public Task DisposeAsync()
    {
        _pebble?.Dispose();
        _challtestsrv?.Dispose();
        _management?.Dispose();
        _challenges.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Pebble requiring External Account Binding (as ZeroSSL, Google and DigiCert do).</summary>
public sealed class PebbleWithEabFixture : PebbleFixture
{
    protected override bool RequireEab => true;
}

/// <summary>Pebble refusing a fifth of good nonces, so the client's badNonce retry is exercised.</summary>
public sealed class PebbleRejectingNoncesFixture : PebbleFixture
{
    protected override int NonceRejectPercent => 20;
}

/// <summary>Pebble offering an alternate chain for each certificate.</summary>
public sealed class PebbleWithAlternateRootsFixture : PebbleFixture
{
    protected override bool AlternateRoots => true;
}
