using System.Net.Http.Json;
using System.Security.Cryptography;
using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.DnsProviders;

/// <summary>
/// Debian's PowerDNS Authoritative (`pdns_server`, gsqlite3 backend) in the foreground with a configuration of its own:
/// DNS and the HTTP API on loopback ports, a random API key, and the zone <c>pdns.test</c> created through the API.
/// </summary>
public sealed class PowerDnsFixture : IAsyncLifetime
{
    public const string Zone = "pdns.test";
    private const string Schema = "/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql";

    private readonly TempFolder _folder = new("pdns");
    private PeerProcess? _pdns;

    public int DnsPort { get; } = FreePort.Next();

    public int ApiPort { get; } = FreePort.Next();

    public string ApiKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string ApiUrl => $"http://127.0.0.1:{ApiPort}";

    public string NameServer => $"127.0.0.1:{DnsPort}";

    public DnsProviderSettings Settings(string? apiKey = null, string? zone = Zone) => new(
        new Dictionary<string, string?> { ["apiUrl"] = ApiUrl, ["serverId"] = "localhost", ["zone"] = zone },
        new Dictionary<string, string?> { ["apiKey"] = apiKey ?? ApiKey });

    /// <summary>The provider as the portal builds it, with a real HTTP client factory.</summary>
    public static PowerDnsProvider NewProvider() =>
        new(new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>());

    public async Task InitializeAsync()
    {
        var dir = _folder.Path;
        if (!File.Exists(Schema))
            throw new InvalidOperationException($"{Schema} is missing: install pdns-backend-sqlite3 (CertPortal.Tests/run-tests.sh does).");
        var database = Path.Combine(dir, "pdns.sqlite3");
        await using (var sqlite = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await sqlite.OpenAsync();
            await using var create = sqlite.CreateCommand();
            create.CommandText = await File.ReadAllTextAsync(Schema);
            await create.ExecuteNonQueryAsync();
        }
        await File.WriteAllTextAsync(Path.Combine(dir, "pdns.conf"), $"""
            launch=gsqlite3
            gsqlite3-database={database}
            local-address=127.0.0.1
            local-port={DnsPort}
            api=yes
            api-key={ApiKey}
            webserver=yes
            webserver-address=127.0.0.1
            webserver-port={ApiPort}
            webserver-allow-from=127.0.0.1
            socket-dir={dir}
            guardian=no
            daemon=no
            disable-syslog=yes
            # No security-status query to the Internet at start.
            security-poll-suffix=
            """ + "\n");
        _pdns = PeerProcess.Start("/usr/sbin/pdns_server", [$"--config-dir={dir}"]);
        using var api = new HttpClient { BaseAddress = new Uri(ApiUrl) };
        api.DefaultRequestHeaders.Add("X-API-Key", ApiKey);
        for (var attempt = 0; attempt < 100 && !_pdns.HasExited; attempt++)
        {
            if (_pdns.Output.Contains("Done launching threads"))
            {
                await CreateZoneAsync(api);
                return;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"pdns_server did not start:\n{_pdns.Output}");
    }

    // SOA minimum 0: a resolver in front (BIND forwarding, Pebble behind it) should not keep "no such name" from a
    // lookup made before the challenge record was written.
    private static async Task CreateZoneAsync(HttpClient api)
    {
        var zone = new
        {
            name = $"{Zone}.", kind = "Native", nameservers = Array.Empty<string>(),
            rrsets = new[]
            {
                RrSet($"{Zone}.", "SOA", $"ns1.{Zone}. hostmaster.{Zone}. 1 60 60 600 0"),
                RrSet($"{Zone}.", "NS", $"ns1.{Zone}."),
                RrSet($"ns1.{Zone}.", "A", "127.0.0.1"),
            },
        };
        var created = await api.PostAsJsonAsync("/api/v1/servers/localhost/zones", zone);
        if (!created.IsSuccessStatusCode)
            throw new InvalidOperationException($"pdns refused the zone: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
    }

    private static object RrSet(string name, string type, string content) =>
        new { name, type, ttl = 60, records = new[] { new { content, disabled = false } } };

    /// <summary>The TXT values at <paramref name="name"/>, asked with dig from pdns's DNS port.</summary>
    public Task<IReadOnlyList<string>> TxtAsync(string name) => Dig.TxtAsync(DnsPort, name);

    public Task DisposeAsync()
    {
        _pdns?.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
