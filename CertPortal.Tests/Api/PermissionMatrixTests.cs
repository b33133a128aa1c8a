using System.Net;
using System.Net.Http.Json;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Features.Customers;
using CertPortal.Features.Settings;
using CertPortal.Features.Settings.Smtp;
using CertPortal.Features.Users.ApiTokens;
using CertPortal.Security;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Api;

/// <summary>
/// Every API route × every kind of caller. Each row arranges its own customer, token and caller, so rows can run in
/// any order; a refused write must also leave what it aimed at untouched.
/// </summary>
public sealed class PermissionMatrixTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly string[] Callers = ["anonymous", "bad token", "readonly", "technician", "admin", "admin scoped to customer B"];

    // {a}: a fresh customer A (never customer B); {token}: a fresh readonly token to revoke.
    private static readonly (string Method, string Route, int[] Expected)[] Routes =
    [
        //                                          anonymous bad  readonly technician admin scoped-to-B
        ("GET", "/api/v1/health", [200, 200, 200, 200, 200, 200]),
        ("GET", "/api/v1/customers", [401, 401, 200, 200, 200, 200]),
        ("POST", "/api/v1/customers", [401, 401, 403, 201, 201, 403]),
        ("GET", "/api/v1/customers/{a}", [401, 401, 200, 200, 200, 404]),
        ("PUT", "/api/v1/customers/{a}", [401, 401, 403, 200, 200, 404]),
        ("DELETE", "/api/v1/customers/{a}", [401, 401, 403, 204, 204, 403]),
        ("GET", "/api/v1/audit", [401, 401, 403, 200, 200, 200]),
        ("GET", "/api/v1/api-tokens", [401, 401, 403, 403, 200, 403]),
        ("POST", "/api/v1/api-tokens", [401, 401, 403, 403, 201, 403]),
        ("DELETE", "/api/v1/api-tokens/{token}", [401, 401, 403, 403, 204, 403]),
        ("GET", "/api/v1/users", [401, 401, 403, 403, 200, 403]),
        ("PUT", "/api/v1/users/00000000-0000-0000-0000-000000000001", [401, 401, 403, 403, 404, 403]),
        ("DELETE", "/api/v1/users/00000000-0000-0000-0000-000000000001", [401, 401, 403, 403, 404, 403]),
        ("GET", "/api/v1/certificates", [401, 401, 200, 200, 200, 200]),
        ("GET", "/api/v1/certificates/{cert}", [401, 401, 200, 200, 200, 404]),
        ("GET", "/api/v1/certificates/{cert}/download?format=pem-cert", [401, 401, 200, 200, 200, 404]),
        ("GET", "/api/v1/certificates/{cert}/download?format=pem-key", [401, 401, 403, 200, 200, 404]),
        ("POST", "/api/v1/certificates/{cert}/renew", [401, 401, 403, 409, 409, 404]),
        ("DELETE", "/api/v1/certificates/{cert}", [401, 401, 403, 204, 204, 404]),
        ("GET", "/api/v1/acme-accounts", [401, 401, 200, 200, 200, 200]),
        ("GET", "/api/v1/planner", [401, 401, 200, 200, 200, 200]),
        ("GET", "/api/v1/planner?days=7&customerId={a}", [401, 401, 200, 200, 200, 200]),
        ("GET", "/api/v1/dns-providers/manual-requests", [401, 401, 200, 200, 200, 200]),
        ("POST", "/api/v1/dns-providers/manual-requests/00000000-0000-0000-0000-000000000001/done", [401, 401, 403, 404, 404, 404]),
        ("GET", "/api/v1/cas", [401, 401, 200, 200, 200, 200]),
        ("POST", "/api/v1/cas", [401, 401, 403, 201, 201, 400]),
        ("GET", "/api/v1/client-certs", [401, 401, 200, 200, 200, 200]),
        ("GET", "/api/v1/targets", [401, 401, 200, 200, 200, 200]),
        ("POST", "/api/v1/targets/00000000-0000-0000-0000-000000000001/trust-host-key", [401, 401, 403, 404, 404, 404]),
        ("GET", "/api/v1/deployments", [401, 401, 200, 200, 200, 200]),
        ("POST", "/api/v1/deployments/00000000-0000-0000-0000-000000000001/run", [401, 401, 403, 404, 404, 404]),
        ("PUT", "/api/v1/deployments/00000000-0000-0000-0000-000000000001", [401, 401, 403, 404, 404, 404]),
        ("POST", "/api/v1/deployments/00000000-0000-0000-0000-000000000001/runs/00000000-0000-0000-0000-000000000002/done", [401, 401, 403, 404, 404, 404]),
        ("GET", "/api/v1/deployments/00000000-0000-0000-0000-000000000001/runs", [401, 401, 404, 404, 404, 404]),
        ("GET", "/api/v1/settings/smtp", [401, 401, 403, 403, 200, 403]),
        ("PUT", "/api/v1/settings/smtp", [401, 401, 403, 403, 200, 403]),
        ("POST", "/api/v1/settings/smtp/test", [401, 401, 403, 403, 200, 403]),
        ("GET", "/api/v1/settings/alerts", [401, 401, 403, 403, 200, 403]),
        ("PUT", "/api/v1/settings/alerts", [401, 401, 403, 403, 200, 403]),
        ("GET", "/api/v1/settings/security", [401, 401, 403, 403, 200, 403]),
        ("PUT", "/api/v1/settings/security", [401, 401, 403, 403, 200, 403]),
        ("GET", "/api/v1/notifications", [401, 401, 200, 200, 200, 200]),
        ("GET", "/api/v1/notifications/00000000-0000-0000-0000-000000000001", [401, 401, 404, 404, 404, 404]),
        ("POST", "/api/v1/notifications/00000000-0000-0000-0000-000000000001/resend", [401, 401, 403, 404, 404, 404]),
        ("GET", "/api/v1/notification-channels", [401, 401, 403, 403, 200, 403]),
        ("POST", "/api/v1/notification-channels", [401, 401, 403, 403, 201, 403]),
        ("GET", "/api/v1/notification-channels/00000000-0000-0000-0000-000000000001", [401, 401, 403, 403, 404, 403]),
        ("PUT", "/api/v1/notification-channels/00000000-0000-0000-0000-000000000001", [401, 401, 403, 403, 404, 403]),
        ("DELETE", "/api/v1/notification-channels/00000000-0000-0000-0000-000000000001", [401, 401, 403, 403, 404, 403]),
        ("POST", "/api/v1/notification-channels/00000000-0000-0000-0000-000000000001/test", [401, 401, 403, 403, 404, 403]),
        // A token of one customer scans that customer only.
        ("POST", "/api/v1/notifications/check", [401, 401, 403, 403, 200, 200]),
        ("GET", "/api/v1/reports/inventory.csv", [401, 401, 200, 200, 200, 200]),
        ("GET", "/api/v1/reports/inventory.csv?customerId={a}", [401, 401, 200, 200, 200, 404]),
        ("GET", "/api/v1/reports/compliance", [401, 401, 200, 200, 200, 200]),
        ("GET", "/api/v1/reports/compliance?customerId={a}", [401, 401, 200, 200, 200, 404]),
        ("GET", "/metrics", [401, 401, 200, 200, 200, 403]),
        ("GET", "/api/v1/attention", [401, 401, 200, 200, 200, 200]),
        // Another customer's worklist and dashboard look like empty ones to a scoped token.
        ("GET", "/api/v1/attention?customerId={a}", [401, 401, 200, 200, 200, 200]),
        ("GET", "/api/v1/dashboard", [401, 401, 200, 200, 200, 200]),
        ("GET", "/api/v1/dashboard?customerId={a}", [401, 401, 200, 200, 200, 200]),
        ("GET", "/api/v1/discovery/scans", [401, 401, 200, 200, 200, 200]),
        ("GET", "/api/v1/discovery/scans/00000000-0000-0000-0000-000000000001", [401, 401, 404, 404, 404, 404]),
        ("GET", "/api/v1/endpoints", [401, 401, 200, 200, 200, 200]),
        ("POST", "/api/v1/endpoints/00000000-0000-0000-0000-000000000001/check", [401, 401, 403, 404, 404, 404]),
        ("POST", "/api/v1/endpoints/00000000-0000-0000-0000-000000000001/adopt", [401, 401, 403, 404, 404, 404]),
        ("DELETE", "/api/v1/endpoints/00000000-0000-0000-0000-000000000001", [401, 401, 403, 404, 404, 404]),
        ("GET", "/api/v1/acme-accounts/00000000-0000-0000-0000-000000000001/profiles", [401, 401, 404, 404, 404, 404]),
        ("GET", "/api/v1/acme-server/eab-keys", [401, 401, 403, 200, 200, 200]),
        ("DELETE", "/api/v1/acme-server/eab-keys/00000000-0000-0000-0000-000000000001", [401, 401, 403, 404, 404, 404]),
        ("GET", "/api/v1/trust-deployments", [401, 401, 200, 200, 200, 200]),
        ("POST", "/api/v1/trust-deployments/00000000-0000-0000-0000-000000000001/run", [401, 401, 403, 404, 404, 404]),
        ("DELETE", "/api/v1/trust-deployments/00000000-0000-0000-0000-000000000001", [401, 401, 403, 404, 404, 404]),
    ];

    public static TheoryData<string, string, string, int> Matrix
    {
        get
        {
            var data = new TheoryData<string, string, string, int>();
            foreach (var (method, route, expected) in Routes)
                for (var i = 0; i < Callers.Length; i++)
                    data.Add(Callers[i], method, route, expected[i]);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_caller_gets_exactly_what_its_role_and_customer_scope_allow(string caller, string method, string route, int expected)
    {
        var customerA = await portal.SeedCustomerAsync(notes: "original notes");
        var victim = await portal.SeedTokenAsync("readonly");
        var certificate = route.Contains("{cert}") ? await SeedImportedCertificateAsync(customerA.Id) : Guid.Empty;
        var path = route.Replace("{a}", customerA.Id.ToString()).Replace("{token}", victim.Info.Id.ToString()).Replace("{cert}", certificate.ToString());
        var newName = PortalSeed.UniqueName("Posted");
        var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = (method, route) switch
            {
                ("POST", "/api/v1/api-tokens") => JsonContent.Create(new { name = newName, role = "readonly" }),
                ("POST", "/api/v1/cas") => JsonContent.Create(new { name = newName, subject = "CN=Matrix CA", keyType = "ec256", validityDays = 30 }),
                // Port 1 on loopback refuses at once, so the admin's test mail answers quickly (ok: false).
                ("PUT", "/api/v1/settings/smtp") => JsonContent.Create(new { host = "127.0.0.1", port = 1, security = "none", from = MatrixSender(newName) }),
                ("POST", "/api/v1/settings/smtp/test") => JsonContent.Create(new { to = MatrixSender(newName) }),
                ("PUT", "/api/v1/settings/security") => JsonContent.Create(new { requireSecondFactor = "none", idleTimeoutMinutes = 720 }),
                ("PUT", "/api/v1/settings/alerts") => JsonContent.Create(new { expiryThresholdDays = new[] { 30, 14, 7, 1 }, globalEmails = new[] { MatrixSender(newName) } }),
                (_, "/api/v1/notification-channels" or "/api/v1/notification-channels/00000000-0000-0000-0000-000000000001") => JsonContent.Create(new
                {
                    name = newName, type = "webhook", customerId = customerA.Id, events = new[] { "certificate.expiring" },
                    settings = new { url = "http://127.0.0.1:9/hook" }, secrets = new { signingKey = "matrix-key" },
                }),
                ("POST" or "PUT", _) => JsonContent.Create(new { name = newName, notes = "changed", alertEmails = new[] { "ops@example.test" } }),
                _ => null,
            },
        };

        var response = await portal.ApiClient(await CallerTokenAsync(caller)).SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == (int)response.StatusCode, $"{caller}: {method} {route} answered {(int)response.StatusCode}, expected {expected}: {body}");
        if (expected >= 400)
        {
            await ProblemAssert.IsProblemAsync(response, (HttpStatusCode)expected);
            await AssertNothingChangedAsync(method, route, customerA, victim, newName);
            if (certificate != Guid.Empty)
                Assert.True((await portal.InScopeAsync(sp => sp.GetRequiredService<CertificateService>().GetAsync(certificate, Actor.CommandLine("test")))).IsOk,
                    "a refused call removed the certificate");
        }
    }

    [Fact]
    public async Task A_token_scoped_to_one_customer_lists_reads_and_edits_only_that_customer()
    {
        var customerA = await portal.SeedCustomerAsync();
        var customerB = await portal.SeedCustomerAsync();
        var client = portal.ApiClient(await portal.CreateTokenAsync("technician", customerB.Id));

        var list = await (await client.GetAsync("/api/v1/customers?pageSize=200")).JsonAsync();
        var only = Assert.Single(list.Items());
        Assert.Equal(customerB.Id.ToString(), only.Str("id"));
        Assert.Equal(1, list.Total());
        var searched = await (await client.GetAsync($"/api/v1/customers?search={customerA.Name}")).JsonAsync();
        Assert.Empty(searched.Items());

        await (await client.GetAsync($"/api/v1/customers/{customerB.Id}")).JsonAsync();
        var renamed = PortalSeed.UniqueName("Renamed");
        var updated = await (await client.PutAsJsonAsync($"/api/v1/customers/{customerB.Id}", new { name = renamed, notes = "", alertEmails = Array.Empty<string>() })).JsonAsync();
        Assert.Equal(renamed, updated.Str("name"));

        // Another customer's id looks exactly like an id that does not exist.
        var other = await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/customers/{customerA.Id}"), HttpStatusCode.NotFound);
        var unknown = await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/customers/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Equal(unknown.Str("detail"), other.Str("detail"));
    }

    /// <summary>An imported certificate of <paramref name="customerId"/> (no CA needed), renewable by nobody.</summary>
    private Task<Guid> SeedImportedCertificateAsync(Guid customerId) => portal.InScopeAsync(async sp =>
    {
        using var chain = new TestChain();
        var bundle = System.Text.Encoding.ASCII.GetBytes(chain.LeafPem + chain.KeyPem + chain.IntermediatePem);
        var result = await sp.GetRequiredService<CertificateImport>().ImportAsync(customerId, bundle, null, Actor.CommandLine("test"));
        return result.Value?.Id ?? throw new InvalidOperationException(result.Message);
    });

    /// <summary>A mail address only this row uses, to tell whether a refused settings call stored anything.</summary>
    private static string MatrixSender(string newName) => $"{newName.Replace(' ', '-').ToLowerInvariant()}@matrix.test";

    private async Task<string?> CallerTokenAsync(string caller) => caller switch
    {
        "anonymous" => null,
        // Well formed, never issued.
        "bad token" => ApiTokenService.TokenPrefix + Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        "admin scoped to customer B" => await portal.CreateTokenAsync("admin", (await portal.SeedCustomerAsync()).Id),
        _ => await portal.CreateTokenAsync(caller),
    };

    private async Task AssertNothingChangedAsync(string method, string route, CustomerView customerA, CreatedApiToken victim, string newName)
    {
        var actor = Actor.CommandLine("test");
        if (route.StartsWith("/api/v1/customers") && method is "PUT" or "DELETE")
        {
            var now = await portal.InScopeAsync(sp => sp.GetRequiredService<CustomerService>().GetAsync(customerA.Id, actor));
            Assert.True(now.IsOk, $"a refused {method} removed customer A");
            Assert.Equal((customerA.Name, customerA.Notes), (now.Value!.Name, now.Value.Notes));
        }
        if (method == "POST")
        {
            var customers = await portal.InScopeAsync(sp => sp.GetRequiredService<CustomerService>().ListAsync(newName, Paging.From(1, 10), actor));
            Assert.Equal(0, customers.Total);
            await using var db = await portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            Assert.False(await db.Set<ApiToken>().AnyAsync(t => t.Name == newName), "a refused POST created a token");
            Assert.False(await db.Set<CertPortal.Features.CertificateAuthorities.CertificateAuthority>().AnyAsync(c => c.Name == newName), "a refused POST created a CA");
            Assert.False(await db.Set<CertPortal.Features.Notifications.Channels.NotificationChannel>().AnyAsync(c => c.Name == newName), "a refused POST created a channel");
        }
        if (route.StartsWith("/api/v1/settings/"))
        {
            var smtp = await portal.InScopeAsync(sp => sp.GetRequiredService<SettingsStore>().GetAsync(SmtpSettings.Key, SmtpSettings.None, CancellationToken.None));
            var alerts = await portal.InScopeAsync(sp => sp.GetRequiredService<IAlertRules>().GetAsync(CancellationToken.None));
            Assert.NotEqual(MatrixSender(newName), smtp.From);
            Assert.DoesNotContain(MatrixSender(newName), alerts.GlobalEmails);
        }
        if (route == "/api/v1/api-tokens/{token}")
            Assert.NotNull(await portal.InScopeAsync(sp => sp.GetRequiredService<ApiTokenService>().AuthenticateAsync(victim.Token)));
    }
}
