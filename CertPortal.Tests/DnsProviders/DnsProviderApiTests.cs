using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.DnsProviders;

/// <summary>/api/v1/dns-providers against a real BIND: settings in, secrets write-only, Test writes and removes a record.</summary>
public sealed class DnsProviderApiTests(BindFixture bind) : IClassFixture<BindFixture>, IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task An_rfc2136_provider_is_created_tested_and_never_shows_its_secret()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));

        var created = await api.PostAsJsonAsync("/api/v1/dns-providers", Body(customer.Id, bind.TsigSecret));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var text = await created.Content.ReadAsStringAsync();
        Assert.DoesNotContain(bind.TsigSecret, text);
        var provider = JsonDocument.Parse(text).RootElement;
        Assert.Equal("set", provider.GetProperty("secrets").GetProperty("tsigSecret").GetString());
        Assert.Equal(bind.NameServer, provider.GetProperty("settings").GetProperty("nameserver").GetString());
        var id = provider.GetProperty("id").GetString();
        Assert.Equal($"/api/v1/dns-providers/{id}", created.Headers.Location!.ToString());

        var test = await (await api.PostAsync($"/api/v1/dns-providers/{id}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(test.GetProperty("ok").GetBoolean(), test.GetProperty("message").GetString());
        Assert.StartsWith("Wrote, saw and removed a TXT record at _certportal-test-", test.GetProperty("message").GetString());

        var readonlyView = await _portal.ApiClient(await _portal.CreateTokenAsync("readonly")).GetStringAsync($"/api/v1/dns-providers/{id}");
        Assert.DoesNotContain(bind.TsigSecret, readonlyView);
        Assert.Contains("\"tsigSecret\":\"set\"", readonlyView);
    }

    [Fact]
    public async Task A_wrong_secret_makes_the_test_fail_clearly_and_an_update_without_secrets_keeps_the_stored_one()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        var id = (await (await api.PostAsJsonAsync("/api/v1/dns-providers", Body(customer.Id, Convert.ToBase64String(new byte[32])))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var failed = await (await api.PostAsync($"/api/v1/dns-providers/{id}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(failed.GetProperty("ok").GetBoolean());
        Assert.Contains("TSIG secret is wrong", failed.GetProperty("message").GetString());

        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/dns-providers/{id}", Body(customer.Id, bind.TsigSecret, name: "Renamed"))).StatusCode);
        var noSecret = Body(customer.Id, null, name: "Renamed again");
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/dns-providers/{id}", noSecret)).StatusCode);
        var passed = await (await api.PostAsync($"/api/v1/dns-providers/{id}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(passed.GetProperty("ok").GetBoolean(), passed.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Bad_input_answers_400_naming_each_field_and_stores_nothing()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));
        var missingSecret = await ProblemAssert.IsProblemAsync(await api.PostAsJsonAsync("/api/v1/dns-providers", Body(customer.Id, null)), HttpStatusCode.BadRequest);
        Assert.True(missingSecret.GetProperty("errors").TryGetProperty("secrets.tsigSecret", out _));

        var unknownType = await ProblemAssert.IsProblemAsync(await api.PostAsync("/api/v1/dns-providers", Json(new { customerId = customer.Id, name = "x", type = "carrier-pigeon" })), HttpStatusCode.BadRequest);
        Assert.Contains("rfc2136", unknownType.GetProperty("errors").GetProperty("type")[0].GetString());

        var noCustomer = await ProblemAssert.IsProblemAsync(await api.PostAsJsonAsync("/api/v1/dns-providers", Body(Guid.NewGuid(), bind.TsigSecret)), HttpStatusCode.BadRequest);
        Assert.True(noCustomer.GetProperty("errors").TryGetProperty("customerId", out _));

        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/dns-providers?customerId={customer.Id}");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Roles_and_customer_scope_decide_who_sees_and_changes_providers()
    {
        var mine = await _portal.SeedCustomerAsync();
        var other = await _portal.SeedCustomerAsync();
        var admin = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        var id = (await (await admin.PostAsJsonAsync("/api/v1/dns-providers", Body(mine.Id, bind.TsigSecret))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var readOnly = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync($"/api/v1/dns-providers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsJsonAsync("/api/v1/dns-providers", Body(mine.Id, bind.TsigSecret, name: "ro"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsync($"/api/v1/dns-providers/{id}/test", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.DeleteAsync($"/api/v1/dns-providers/{id}")).StatusCode);

        var otherScoped = _portal.ApiClient(await _portal.CreateTokenAsync("admin", other.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await otherScoped.GetAsync($"/api/v1/dns-providers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherScoped.DeleteAsync($"/api/v1/dns-providers/{id}")).StatusCode);
        Assert.Equal(0, (await otherScoped.GetFromJsonAsync<JsonElement>("/api/v1/dns-providers")).GetProperty("total").GetInt32());

        var refused = await ProblemAssert.IsProblemAsync(await admin.DeleteAsync($"/api/v1/customers/{mine.Id}"), HttpStatusCode.Conflict);
        Assert.Contains("1 DNS provider", refused.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/dns-providers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/customers/{mine.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_provider_that_certificates_renew_through_is_not_deleted_and_the_refusal_names_them()
    {
        var customer = await _portal.SeedCustomerAsync();
        var admin = _portal.ApiClient(await _portal.CreateTokenAsync("admin", name: "tidy-admin"));
        var id = Guid.Parse((await (await admin.PostAsJsonAsync("/api/v1/dns-providers", Body(customer.Id, bind.TsigSecret))).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString()!);
        var now = _portal.Clock.GetUtcNow().UtcDateTime;
        var users = await _portal.InScopeAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var certificates = Enumerable.Range(1, 7).Select(i => new Certificate
            {
                Id = Guid.NewGuid(), CustomerId = customer.Id, CommonName = $"host{i}.contoso.test", DnsProviderId = id, Source = CertificateSources.Acme,
                Status = i == 7 ? CertificateStatus.Revoked : CertificateStatus.Valid, CreatedAt = now, UpdatedAt = now,
            }).ToList();
            db.AddRange(certificates);
            await db.SaveChangesAsync();
            return certificates;
        });

        var refused = await ProblemAssert.IsProblemAsync(await admin.DeleteAsync($"/api/v1/dns-providers/{id}"), HttpStatusCode.Conflict);

        var detail = refused.GetProperty("detail").GetString();
        Assert.Contains("still used by certificates host1.contoso.test, host2.contoso.test, host3.contoso.test, host4.contoso.test, host5.contoso.test and 1 more", detail);
        Assert.DoesNotContain("host7", detail); // a revoked certificate never renews
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/dns-providers/{id}")).StatusCode);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?user=tidy-admin&action=dns-provider.delete");
        var entry = audit.GetProperty("items")[0];
        Assert.Equal("failure", entry.GetProperty("outcome").GetString());
        Assert.Contains("host1.contoso.test", entry.GetProperty("summary").GetString());

        await _portal.InScopeAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            return await db.Set<Certificate>().Where(c => c.DnsProviderId == id && c.Status != CertificateStatus.Revoked).ExecuteDeleteAsync();
        });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/dns-providers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/dns-providers/{id}")).StatusCode);
    }

    private object Body(Guid customerId, string? secret, string name = "BIND at HQ") => new
    {
        customerId,
        name,
        type = "rfc2136",
        settings = new { nameserver = bind.NameServer, zone = BindFixture.Zone, tsigKeyName = BindFixture.KeyName, tsigAlgorithm = "hmac-sha256", resolvers = new[] { bind.NameServer }, propagationTimeoutSeconds = 10 },
        secrets = secret is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["tsigSecret"] = secret },
    };

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public void Dispose() => _portal.Dispose();
}
