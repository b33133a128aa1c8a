using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Data;
using CertPortal.Features.Certificates.Accounts;
using CertPortal.Features.DnsProviders;
using CertPortal.Features.Deployments;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Audit;

/// <summary>GET /api/v1/audit names each entry's object (entityName, entityUrl) and sorts on request.</summary>
public sealed class AuditSubjectNamesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_entry_names_its_object_and_links_it_while_it_exists_and_keeps_its_quoted_name_once_deleted()
    {
        var client = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var kept = PortalSeed.UniqueName("Kept Customer");
        var gone = PortalSeed.UniqueName("Gone Customer");
        var keptId = (await (await client.PostAsJsonAsync("/api/v1/customers", new { name = kept })).JsonAsync(HttpStatusCode.Created)).Str("id");
        var goneId = (await (await client.PostAsJsonAsync("/api/v1/customers", new { name = gone })).JsonAsync(HttpStatusCode.Created)).Str("id");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/customers/{goneId}")).StatusCode);

        var keptEntry = Assert.Single((await (await client.GetAsync($"/api/v1/audit?entityId={keptId}")).JsonAsync()).Items());
        Assert.Equal(kept, keptEntry.Str("entityName"));
        Assert.Equal($"customers/{keptId}", keptEntry.Str("entityUrl"));
        Assert.Equal(keptId, keptEntry.Str("entityId"));

        var goneEntries = (await (await client.GetAsync($"/api/v1/audit?entityId={goneId}")).JsonAsync()).Items();
        Assert.Equal(2, goneEntries.Length);
        Assert.All(goneEntries, e => Assert.Equal(gone, e.Str("entityName")));
        Assert.All(goneEntries, e => Assert.Null(e.Str("entityUrl")));
    }

    [Fact]
    public async Task Bindings_targets_dns_providers_acme_accounts_users_and_channels_are_named_and_linked_and_keep_their_names_once_deleted()
    {
        var client = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var customer = await portal.SeedCustomerAsync();
        var test = Actor.CommandLine("test");

        // A binding is named by both its ends; removed, it keeps them (its removal names them too).
        var (certificate, target, binding) = await portal.SeedBindingAsync(customer.Id, PortalSeed.UniqueName("bound").ToLowerInvariant() + ".example.test",
            PortalSeed.UniqueName("fw01"));
        var bindingName = $"{certificate.CommonName} → {target.Name}";
        await AssertNamedAsync(client, binding.Id.ToString(), bindingName, $"deployments/{binding.Id}");
        await portal.InScopeAsync(async sp => (await sp.GetRequiredService<DeploymentService>().DeleteAsync(binding.Id, test)).Value!);
        await AssertNamedAsync(client, binding.Id.ToString(), bindingName, null);

        await AssertNamedAsync(client, target.Id.ToString(), target.Name, "targets");

        var providerName = PortalSeed.UniqueName("Manual DNS");
        var provider = await portal.InScopeAsync(async sp => (await sp.GetRequiredService<DnsProviderService>().CreateAsync(
            new DnsProviderInput(customer.Id, providerName, "manual", new Dictionary<string, JsonElement>(), null), test)).Value!);
        await AssertNamedAsync(client, provider.Id.ToString(), providerName, "dns-providers");

        // ACME accounts: one a scoped caller may not delete (the refusal is about it), one deleted.
        var (kept, gone) = (await SeedAcmeAccountAsync(), await SeedAcmeAccountAsync());
        var scoped = portal.ApiClient(await portal.CreateTokenAsync("technician", customer.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await scoped.DeleteAsync($"/api/v1/acme-accounts/{kept.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/acme-accounts/{gone.Id}")).StatusCode);
        await AssertNamedAsync(client, kept.Id.ToString(), kept.Name, "acme-accounts");
        await AssertNamedAsync(client, gone.Id.ToString(), gone.Name, null);

        // Users by email, also once deleted (their entries name them by email, not in quotes).
        var keptUser = await portal.CreateUserAsync($"{PortalSeed.UniqueName("kept").ToLowerInvariant()}@msp.test", Roles.Technician);
        var goneUser = await portal.CreateUserAsync($"{PortalSeed.UniqueName("gone").ToLowerInvariant()}@msp.test", Roles.Technician);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/users/{goneUser.Id}")).StatusCode);
        await AssertNamedAsync(client, keptUser.Id, keptUser.Email, "users");
        await AssertNamedAsync(client, goneUser.Id, goneUser.Email, null);

        var channelName = PortalSeed.UniqueName("Ops hook");
        var channel = await (await client.PostAsJsonAsync("/api/v1/notification-channels", new
        {
            name = channelName, type = "webhook", customerId = customer.Id, events = new[] { "certificate.expiring" },
            settings = new { url = "http://127.0.0.1:9/hook" }, secrets = new { signingKey = "names-key" },
        })).JsonAsync(HttpStatusCode.Created);
        await AssertNamedAsync(client, channel.Str("id")!, channelName, "notifications/channels");
    }

    private static async Task AssertNamedAsync(HttpClient client, string entityId, string name, string? url)
    {
        var entries = (await (await client.GetAsync($"/api/v1/audit?entityId={entityId}")).JsonAsync()).Items();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal(name, e.Str("entityName")));
        Assert.All(entries, e => Assert.Equal(url, e.Str("entityUrl")));
    }

    /// <summary>A shared account row as registering would leave it (registering needs an ACME server; naming does not).</summary>
    private Task<AcmeRegistration> SeedAcmeAccountAsync() => portal.InScopeAsync(async sp =>
    {
        var account = new AcmeRegistration
        {
            Id = Guid.NewGuid(), Name = PortalSeed.UniqueName("Lets Encrypt"), DirectoryUrl = "https://acme.invalid/directory", Email = "pki@msp.test",
            AccountUrl = "https://acme.invalid/acct/1", CreatedAt = DateTime.UtcNow,
        };
        await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        db.Add(account);
        await db.SaveChangesAsync();
        return account;
    });

    [Fact]
    public async Task The_log_sorts_by_a_named_field_and_refuses_an_unknown_one_naming_the_allowed_fields()
    {
        var client = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        await client.PostAsJsonAsync("/api/v1/customers", new { name = PortalSeed.UniqueName("Sorted Customer") });

        var byAction = (await (await client.GetAsync("/api/v1/audit?sort=action&order=asc&pageSize=200")).JsonAsync()).Items().Select(e => e.Str("action")!).ToList();
        Assert.Equal(byAction.Order(StringComparer.Ordinal), byAction);
        var byActionDesc = (await (await client.GetAsync("/api/v1/audit?sort=action&order=desc&pageSize=200")).JsonAsync()).Items().Select(e => e.Str("action")!).ToList();
        Assert.Equal(byActionDesc.OrderDescending(StringComparer.Ordinal), byActionDesc);
        Assert.True(byAction.Distinct().Count() > 1);

        var problem = await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/audit?sort=colour"), HttpStatusCode.BadRequest);
        Assert.Contains("Allowed: at, user, action, entityType, outcome.", problem.Str("detail"));
    }
}
