using System.Net;
using System.Net.Http.Json;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Users.ApiTokens;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Users;

/// <summary>/api/v1/users: <c>{id, email, role, customerIds, disabled}</c>, admin only, audited, problem+json for bad input.</summary>
public sealed class UserApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_admin_creates_reads_limits_disables_and_deletes_a_person()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var customerA = await portal.SeedCustomerAsync();
        var customerB = await portal.SeedCustomerAsync();
        var email = $"tech-{Guid.NewGuid():N}"[..16] + "@users.test";

        var created = await (await admin.PostAsJsonAsync("/api/v1/users", new { email, password = TestPasswords.Default, role = "technician", customerIds = new[] { customerA.Id } }))
            .JsonAsync(HttpStatusCode.Created);
        var id = created.Str("id")!;
        Assert.Equal((email, "technician", false), (created.Str("email"), created.Str("role"), created.GetProperty("disabled").GetBoolean()));
        Assert.Equal([customerA.Id.ToString()], created.GetProperty("customerIds").EnumerateArray().Select(c => c.GetString()));

        var changed = await (await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { email, role = "readonly", customerIds = new[] { customerA.Id, customerB.Id }, disabled = true })).JsonAsync();
        Assert.Equal(("readonly", true, 2), (changed.Str("role"), changed.GetProperty("disabled").GetBoolean(), changed.GetProperty("customerIds").GetArrayLength()));
        var read = await (await admin.GetAsync($"/api/v1/users/{id}")).JsonAsync();
        Assert.Equal(changed.ToString(), read.ToString());
        var listed = await (await admin.GetAsync($"/api/v1/users?search={email}")).JsonAsync();
        Assert.Equal(id, Assert.Single(listed.Items()).Str("id"));

        var everyone = await (await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { customerIds = Array.Empty<Guid>() })).JsonAsync();
        Assert.Equal(0, everyone.GetProperty("customerIds").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/users/{id}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await admin.GetAsync($"/api/v1/users/{id}"), HttpStatusCode.NotFound);

        await using var db = await portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var actions = await db.Set<AuditEntry>().Where(e => e.EntityId == id).Select(e => e.Action).ToListAsync();
        Assert.Superset(new HashSet<string> { "user.create", "user.change-role", "user.change-customers", "user.disable", "user.delete" }, actions.ToHashSet());
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_as_problem_json()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var customer = await portal.SeedCustomerAsync();
        var email = $"bad-{Guid.NewGuid():N}"[..16] + "@users.test";

        await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/users", new { email, role = "technician" }), "password");
        await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/users", new { email, password = TestPasswords.Default, role = "root" }), "role");
        await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/users", new { email = "not-an-address", password = TestPasswords.Default, role = "readonly" }), "email");
        // Admins are never limited; customers must exist.
        await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/users", new { email, password = TestPasswords.Default, role = "admin", customerIds = new[] { customer.Id } }), "customerIds");
        await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/users", new { email, password = TestPasswords.Default, role = "readonly", customerIds = new[] { Guid.NewGuid() } }), "customerIds");
        await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync($"/api/v1/users/{Guid.NewGuid()}", new { role = "readonly" }), HttpStatusCode.NotFound);

        await using var db = await portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
        Assert.True(await db.Set<AuditEntry>().AnyAsync(e => e.Action == "user.create" && e.Outcome == AuditOutcome.Failure && e.Summary.Contains("customers")));
    }

    [Fact]
    public async Task An_admin_neither_disables_nor_deletes_themselves_or_the_last_admin()
    {
        await using var own = new PortalFactory();
        var email = $"admin-{Guid.NewGuid():N}"[..16] + "@users.test";
        var me = await own.CreateUserAsync(email, Roles.Admin);
        // The admin's own token: it acts for them.
        var token = await own.InScopeAsync(async sp =>
        {
            using var _ = ActorAccessor.RunAs(new Actor(email, ActorKind.User, null, null));
            return (await sp.GetRequiredService<ApiTokenService>().CreateAsync(new ApiTokenInput("mine", "admin", null))).Value!.Token;
        });
        var api = own.ApiClient(token);
        var other = await own.CreateUserAsync("second-" + email, Roles.Admin);

        await ProblemAssert.IsProblemAsync(await api.PutAsJsonAsync($"/api/v1/users/{me.Id}", new { disabled = true }), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await api.DeleteAsync($"/api/v1/users/{me.Id}"), HttpStatusCode.Conflict);
        // With the other admin gone, the remaining one is the last: no demotion either.
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/users/{other.Id}")).StatusCode);
        var cli = own.ApiClient(await own.CreateTokenAsync("admin"));
        await ProblemAssert.IsProblemAsync(await cli.DeleteAsync($"/api/v1/users/{me.Id}"), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await cli.PutAsJsonAsync($"/api/v1/users/{me.Id}", new { role = "technician" }), HttpStatusCode.Conflict);
        var still = await (await cli.GetAsync($"/api/v1/users/{me.Id}")).JsonAsync();
        Assert.Equal(("admin", false), (still.Str("role"), still.GetProperty("disabled").GetBoolean()));
    }

    [Fact]
    public async Task Only_admins_reach_the_users_API()
    {
        var customer = await portal.SeedCustomerAsync();
        foreach (var (role, scope) in new[] { ("readonly", (Guid?)null), ("technician", null), ("admin", customer.Id) })
        {
            var client = portal.ApiClient(await portal.CreateTokenAsync(role, scope));
            await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/users"), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/users", new { email = "x@users.test", password = TestPasswords.Default, role = "admin" }), HttpStatusCode.Forbidden);
        }
        await ProblemAssert.IsProblemAsync(await portal.ApiClient(null).GetAsync("/api/v1/users"), HttpStatusCode.Unauthorized);
    }
}
