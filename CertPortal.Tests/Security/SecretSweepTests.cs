using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.DnsProviders;
using CertPortal.Features.Notifications.Channels;
using CertPortal.Features.Targets.Connectors;
using CertPortal.Security;
using CertPortal.Tests.Acme;
using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CertPortal.Tests.Security;

/// <summary>
/// Every kind of secret the portal takes goes in through the API with a random value; then the database file, its
/// WAL, the log files, every GET /api/v1 list and detail answer and the audit log are searched for each value.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.Sqlite)]
public sealed class SecretSweepTests(SweepPebbleFixture pebble, ITestOutputHelper output) : IClassFixture<SweepPebbleFixture>
{
    // Nothing listens here: Test buttons fail fast, through the same error paths a real outage takes.
    private const string Nowhere = "https://127.0.0.1:9";

    [Fact]
    public async Task No_secret_entered_is_found_in_the_database_wal_logs_api_answers_or_audit_log()
    {
        await using var portal = new PortalFactory();
        var markers = new SecretMarkers();
        var customer = await portal.SeedCustomerAsync();
        var admin = portal.ApiClient(await portal.CreateTokenAsync(Roles.Admin));

        foreach (var type in portal.Service<DnsProviderTypes>().All)
        {
            var settings = type.Fields.Where(f => !f.Secret && (f.Required || IsUrl(f.Name))).ToDictionary(f => f.Name, f => SettingValue(f.Name, null));
            var secrets = type.Fields.Where(f => f.Secret).ToDictionary(f => f.Name, f => markers.New($"dns {type.Type} {f.Name}"));
            var id = await CreatedIdAsync(admin, "/api/v1/dns-providers", new { customerId = customer.Id, name = $"Sweep {type.Type}", type = type.Type, settings, secrets });
            await TryAsync(admin, $"/api/v1/dns-providers/{id}/test", new { });
        }
        foreach (var connector in portal.Service<TargetConnectors>().All)
        {
            var settings = connector.Fields.Where(f => !f.Secret && (f.Required || IsUrl(f.Name))).ToDictionary(f => f.Name, f => SettingValue(f.Name, f.Choices));
            var secrets = connector.Fields.Where(f => f.Secret).ToDictionary(f => f.Name, f => markers.New($"target {connector.Type} {f.Name}"));
            var id = await CreatedIdAsync(admin, "/api/v1/targets", new { customerId = customer.Id, name = $"Sweep {connector.Type}", type = connector.Type, settings, secrets });
            await TryAsync(admin, $"/api/v1/targets/{id}/test", new { });
        }
        foreach (var sender in portal.Service<ChannelSenders>().All)
        {
            var settings = sender.Fields.Where(f => !f.Secret).ToDictionary(f => f.Name, f => f.IsUrl ? Nowhere + "/hook" : "sweep");
            var secrets = sender.Fields.Where(f => f.Secret).ToDictionary(f => f.Name,
                f => f.IsUrl ? $"{Nowhere}/hooks/{markers.New($"channel {sender.Type} {f.Name}")}" : markers.New($"channel {sender.Type} {f.Name}"));
            var id = await CreatedIdAsync(admin, "/api/v1/notification-channels",
                new { name = $"Sweep {sender.Type}", type = sender.Type, events = new[] { "certificate.expiring" }, settings, secrets });
            await TryAsync(admin, $"/api/v1/notification-channels/{id}/test", new { });
        }

        var smtp = await admin.PutAsJsonAsync("/api/v1/settings/smtp", new
        {
            host = "127.0.0.1", port = 9, security = "none", username = "alerts", from = "portal@msp.test", secrets = new { password = markers.New("smtp password") },
        });
        Assert.True(smtp.IsSuccessStatusCode, await smtp.Content.ReadAsStringAsync());
        await TryAsync(admin, "/api/v1/settings/smtp/test", new { to = "ops@msp.test" });

        await CreatedIdAsync(admin, "/api/v1/acme-accounts", new
        {
            customerId = customer.Id, name = "Sweep EAB", directoryUrl = pebble.DirectoryUrl, email = "ops@example.com", trustedRootsPem = pebble.TlsRootPem,
            eabKeyId = PebbleFixture.EabKeyId, secrets = new { eabHmacKey = markers.Add("acme eab hmac key", pebble.HmacKey) },
        });

        // The ACME server's EAB HMAC key is shown once, in the answer that makes it; never again anywhere.
        var caId = await CreatedIdAsync(admin, "/api/v1/cas", new { customerId = customer.Id, name = "Sweep CA", subject = "CN=Sweep CA", keyType = "ec256", validityDays = 365 });
        var eab = await (await admin.PostAsJsonAsync("/api/v1/acme-server/eab-keys", new { caId, customerId = customer.Id, name = "Sweep EAB" })).JsonAsync(HttpStatusCode.Created);
        markers.Add("acme server eab hmac key", eab.GetProperty("hmacKey").GetString()!);

        await ImportAsync(admin, customer.Id, markers, pfx: false);
        await ImportAsync(admin, customer.Id, markers, pfx: true);

        var token = await (await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name = "Sweep token", role = "readonly" })).JsonAsync(HttpStatusCode.Created);
        var tokenValue = markers.Add("api token value", token.GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await portal.ApiClient(tokenValue).GetAsync("/api/v1/customers")).StatusCode);

        var password = markers.New("user password", "Pw-");
        await portal.CreateUserAsync("sweep@msp.test", Roles.Technician, password);
        await portal.BrowserLikeClient().SignInAsync("sweep@msp.test", password);
        await portal.BrowserLikeClient().PostSignInAsync("sweep@msp.test", markers.New("mistyped password", "Pw-"));

        var answers = await SearchGetAnswersAsync(portal, admin, markers);
        var audit = await portal.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<AuditEntry>().AsNoTracking().ToListAsync());
        foreach (var entry in audit)
            markers.Search($"audit entry {entry.Action}", $"{entry.Actor} {entry.EntityId} {entry.Summary}");
        var files = SearchFiles(portal.DataPath, markers);

        output.WriteLine($"secrets entered: {markers.Count}; GET answers searched: {answers}; audit entries: {audit.Count}; files: {files}; " +
                         $"places searched: {markers.PlacesSearched}; secrets found: {markers.Found.Count}");
        Assert.True(markers.Found.Count == 0, "Secrets found:\n" + string.Join("\n", markers.Found));
        Assert.True(audit.Count > 10 && answers > 40 && files >= 3, "the sweep looked at too little to mean anything");
    }

    private static bool IsUrl(string name) => name.EndsWith("url", StringComparison.OrdinalIgnoreCase);

    private static string SettingValue(string name, IReadOnlyList<string>? choices) => name switch
    {
        _ when choices is { Count: > 0 } => choices[0],
        _ when IsUrl(name) => Nowhere,
        "nameserver" => "127.0.0.1:9",
        "host" or "ftpHost" or "verifyHost" => "127.0.0.1",
        "tsigAlgorithm" => "hmac-sha256",
        "zone" => "sweep.example",
        "certPath" => "/tmp/sweep.crt",
        "keyPath" => "/tmp/sweep.key",
        "reloadCommand" => "true",
        "program" => "/bin/true",
        _ => "sweep",
    };

    private static async Task<string> CreatedIdAsync(HttpClient api, string path, object body)
    {
        var response = await api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    // A Test call's outcome does not matter here, only that its errors and logs keep the secret to themselves.
    private static async Task TryAsync(HttpClient api, string path, object body)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var response = await api.PostAsJsonAsync(path, body, timeout.Token);
        Assert.True((int)response.StatusCode < 500, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task ImportAsync(HttpClient api, Guid customerId, SecretMarkers markers, bool pfx)
    {
        var kind = pfx ? "pfx" : "pem";
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest($"CN=sweep-{kind}.example", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // The key's second PEM line holds most of its private scalar; the scalar's bytes are looked for as they are.
        // CreateSelfSigned returns the certificate with its key attached, so it exports as a PFX as it is.
        markers.Add($"imported {kind} private key (PEM line)", key.ExportPkcs8PrivateKeyPem().Split('\n')[2].Trim());
        markers.AddBytes($"imported {kind} private key (scalar)", key.ExportParameters(true).D!);
        var password = pfx ? markers.New("pfx import password") : null;
        var file = pfx
            ? certificate.Export(X509ContentType.Pkcs12, password)
            : System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", $"sweep.{kind}" }, { new StringContent(customerId.ToString()), "customerId" } };
        if (password is not null)
            form.Add(new StringContent(password), "password");
        var response = await api.PostAsync("/api/v1/certificates/import", form);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"import {kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Every GET /api/v1 route without parameters, and every route that takes just the id of a listed item (detail,
    /// runs, delegation) for each id its list shows. Downloads are left out: handing out a key is what they are for.
    /// </summary>
    private async Task<int> SearchGetAnswersAsync(PortalFactory portal, HttpClient admin, SecretMarkers markers)
    {
        var routes = portal.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Where(p => p.StartsWith("/api/v1/", StringComparison.Ordinal)).Distinct().ToList();
        var called = new HashSet<string>();
        var searched = 0;
        foreach (var list in routes.Where(r => !r.Contains('{')))
        {
            var answer = await admin.GetAsync(list + "?pageSize=100");
            var text = await answer.Content.ReadAsStringAsync();
            markers.Search($"GET {list}", text);
            searched++;
            called.Add(list);
            var perItem = routes.Where(r => r.StartsWith(list + "/{id:guid}", StringComparison.Ordinal) && r.Count(c => c == '{') == 1 && !r.EndsWith("/download", StringComparison.Ordinal)).ToList();
            if (perItem.Count == 0 || !answer.IsSuccessStatusCode || !text.TrimStart().StartsWith('{') || !JsonDocument.Parse(text).RootElement.TryGetProperty("items", out var items))
                continue;
            var ids = items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("id", out _)).Select(i => i.GetProperty("id").ToString()).ToList();
            foreach (var route in perItem)
            {
                called.Add(route);
                foreach (var id in ids)
                {
                    var path = route.Replace("{id:guid}", id);
                    markers.Search($"GET {path}", await (await admin.GetAsync(path)).Content.ReadAsStringAsync());
                    searched++;
                }
            }
        }
        output.WriteLine($"GET routes: {routes.Count}, called: {called.Count}; not called: {string.Join(", ", routes.Except(called))}");
        return searched;
    }

    private static int SearchFiles(string dataPath, SecretMarkers markers)
    {
        var files = new[] { "certportal.db", "certportal.db-wal" }.Select(f => Path.Combine(dataPath, f))
            .Concat(Directory.GetFiles(Path.Combine(dataPath, "logs"))).Where(File.Exists).ToList();
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            markers.Search(Path.GetFileName(file), copy.ToArray());
        }
        Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        return files.Count;
    }
}
