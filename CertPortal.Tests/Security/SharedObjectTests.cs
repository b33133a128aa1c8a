using System.Net;
using System.Net.Http.Json;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Certificates.Accounts;
using CertPortal.Features.ClientCerts;
using CertPortal.Features.Users.ApiTokens;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Security;

/// <summary>
/// Shared objects (a CA or an ACME account of no customer) and callers limited to some customers: they may use a
/// shared ACME account but not change it, and may not create, sign with or re-sign a shared CA; their own
/// customer's CAs are theirs.
/// </summary>
public sealed class SharedObjectTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_customer_limited_token_cannot_issue_a_server_certificate_from_a_shared_root()
    {
        var customer = await portal.SeedCustomerAsync();
        var sharedRoot = await CreateCaAsync(null);
        var scoped = portal.ApiClient(await portal.CreateTokenAsync("technician", customer.Id));
        var name = $"{Guid.NewGuid():N}"[..10] + ".bank.example";

        var refused = await scoped.PostAsJsonAsync("/api/v1/client-certs", new { caId = sharedRoot, customerId = customer.Id, commonName = name, usage = "server", subjectAlternativeNames = new[] { name } });

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains("shared", problem.GetProperty("errors").GetProperty("caId")[0].GetString());
        Assert.Equal(0, await IssuedFromAsync(sharedRoot));
        // Someone who sees every customer still may, and the limited token may sign with its own customer's CA.
        var unscoped = portal.ApiClient(await portal.CreateTokenAsync("technician"));
        await (await unscoped.PostAsJsonAsync("/api/v1/client-certs", new { caId = sharedRoot, customerId = customer.Id, commonName = name, usage = "server", subjectAlternativeNames = new[] { name } })).JsonAsync(HttpStatusCode.Created);
        var ownCa = await CreateCaAsync(customer.Id);
        await (await scoped.PostAsJsonAsync("/api/v1/client-certs", new { caId = ownCa, commonName = name, usage = "server", subjectAlternativeNames = new[] { name } })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_certificate_from_a_shared_CA_is_not_re_signed_for_a_limited_caller()
    {
        var customer = await portal.SeedCustomerAsync();
        var sharedRoot = await CreateCaAsync(null);
        var issued = await portal.InScopeAsync(async sp => (await sp.GetRequiredService<ClientCertService>()
            .IssueAsync(new ClientCertInput(sharedRoot, "device.example.test", CustomerId: customer.Id), Actor.CommandLine("test"))).Value!);
        var scoped = portal.ApiClient(await portal.CreateTokenAsync("technician", customer.Id));

        var renewed = await scoped.PostAsync($"/api/v1/client-certs/{issued.Id}/renew", null);

        var problem = await ProblemAssert.IsProblemAsync(renewed, HttpStatusCode.Conflict);
        Assert.Contains("shared", problem.Str("detail"));
        Assert.Equal(1, await IssuedFromAsync(sharedRoot));
        // The certificate itself is the customer's: the limited token reads it.
        await (await scoped.GetAsync($"/api/v1/client-certs/{issued.Id}")).JsonAsync();
    }

    [Fact]
    public async Task A_limited_caller_creates_no_shared_CA_and_signs_no_intermediate_or_CRL_with_one()
    {
        var customer = await portal.SeedCustomerAsync();
        var sharedRoot = await CreateCaAsync(null);
        var scoped = portal.ApiClient(await portal.CreateTokenAsync("technician", customer.Id));

        var shared = await scoped.PostAsJsonAsync("/api/v1/cas", new { name = PortalSeed.UniqueName("Shared"), subject = "CN=Shared by token", keyType = "ec256", validityDays = 30 });
        var under = await scoped.PostAsJsonAsync("/api/v1/cas", new { customerId = customer.Id, name = PortalSeed.UniqueName("Under"), subject = "CN=Under shared", keyType = "ec256", validityDays = 30, parentCaId = sharedRoot });
        var crl = await scoped.PostAsync($"/api/v1/cas/{sharedRoot}/crl", null);

        Assert.Contains("customerId", (await ProblemAssert.IsProblemAsync(shared, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains("parentCaId", (await ProblemAssert.IsProblemAsync(under, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await ProblemAssert.IsProblemAsync(crl, HttpStatusCode.Forbidden);
        // The shared root stays visible: it is in the chain of what the customer uses.
        await (await scoped.GetAsync($"/api/v1/cas/{sharedRoot}")).JsonAsync();
        await using var db = await portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Set<CertPortal.Features.CertificateAuthorities.CertificateAuthority>().CountAsync(c => c.ParentCaId == sharedRoot));
        Assert.True(await db.Set<AuditEntry>().AnyAsync(e => e.Action == "ca.create" && e.Outcome == AuditOutcome.Failure && e.Summary.Contains("shared")));
    }

    [Fact]
    public async Task A_limited_caller_uses_a_shared_ACME_account_but_cannot_delete_it()
    {
        var customer = await portal.SeedCustomerAsync();
        var account = await SeedAccountAsync(null);
        var scoped = portal.ApiClient(await portal.CreateTokenAsync("technician", customer.Id));

        var listed = await (await scoped.GetAsync("/api/v1/acme-accounts?pageSize=200")).JsonAsync();
        var deleted = await scoped.DeleteAsync($"/api/v1/acme-accounts/{account}");

        Assert.Contains(listed.Items(), a => a.Str("id") == account.ToString());
        await ProblemAssert.IsProblemAsync(deleted, HttpStatusCode.Forbidden);
        await (await scoped.GetAsync($"/api/v1/acme-accounts/{account}")).JsonAsync();
        // Its own customer's account is its to delete.
        var own = await SeedAccountAsync(customer.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await scoped.DeleteAsync($"/api/v1/acme-accounts/{own}")).StatusCode);
    }

    [Fact]
    public async Task A_token_made_by_a_limited_person_is_no_wider_than_the_person()
    {
        var mine = await portal.SeedCustomerAsync();
        var other = await portal.SeedCustomerAsync();
        var person = new Actor("limited@example.test", ActorKind.User, null, new HashSet<Guid> { mine.Id });

        var results = await portal.InScopeAsync(async sp =>
        {
            var tokens = sp.GetRequiredService<ApiTokenService>();
            using var _ = ActorAccessor.RunAs(person);
            return new[]
            {
                await tokens.CreateAsync(new ApiTokenInput(PortalSeed.UniqueName("every"), "readonly", null)),
                await tokens.CreateAsync(new ApiTokenInput(PortalSeed.UniqueName("other"), "readonly", other.Id)),
                await tokens.CreateAsync(new ApiTokenInput(PortalSeed.UniqueName("mine"), "readonly", mine.Id)),
            };
        });

        Assert.Contains("customerId", results[0].Errors.Keys);
        Assert.Contains("customerId", results[1].Errors.Keys);
        Assert.True(results[2].IsOk, results[2].Message);
    }

    private Task<Guid> CreateCaAsync(Guid? customerId) => portal.InScopeAsync(async sp =>
    {
        var result = await sp.GetRequiredService<CertPortal.Features.CertificateAuthorities.CaService>().CreateAsync(
            new(customerId, PortalSeed.UniqueName("Root"), "CN=Shared Root", "ec256", 365), Actor.CommandLine("test"));
        return result.Value?.Id ?? throw new InvalidOperationException(result.Message);
    });

    private async Task<int> IssuedFromAsync(Guid caId)
    {
        await using var db = await portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Set<ClientCertificate>().CountAsync(c => c.CaId == caId);
    }

    // Registering needs an ACME CA; the stored row is all these rules look at.
    private async Task<Guid> SeedAccountAsync(Guid? customerId)
    {
        await using var db = await portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var account = new AcmeRegistration
        {
            Id = Guid.NewGuid(), CustomerId = customerId, Name = PortalSeed.UniqueName("Acme"), DirectoryUrl = "https://acme.shared.test/directory",
            Email = "ops@shared.test", SealedAccountKey = "-", AccountUrl = "https://acme.shared.test/acct/1", CreatedAt = portal.Clock.GetUtcNow().UtcDateTime,
        };
        db.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }
}
