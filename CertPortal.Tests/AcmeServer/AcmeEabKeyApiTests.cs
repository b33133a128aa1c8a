using System.Net;
using System.Net.Http.Json;
using CertPortal.Tests.ClientCerts;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.AcmeServer;

/// <summary>/api/v1/acme-server/eab-keys: made per CA and customer, HMAC shown once, bad input named and audited, revocable once.</summary>
public sealed class AcmeEabKeyApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_key_is_made_with_a_base64url_hmac_shown_only_in_the_answer_that_made_it_and_revoked_once()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var caId = (await setup.CreateCaAsync("CN=EAB API CA")).GetProperty("id").GetGuid();

        var created = await (await setup.Api.PostAsJsonAsync("/api/v1/acme-server/eab-keys", new { caId, customerId = setup.CustomerId, name = "web01" }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", created.Str("hmacKey"));
        Assert.False(string.IsNullOrEmpty(created.Str("keyId")));
        var id = created.Str("id");

        var listed = await (await setup.Api.GetAsync($"/api/v1/acme-server/eab-keys?caId={caId}")).Content.ReadAsStringAsync();
        Assert.Contains(id!, listed);
        Assert.DoesNotContain(created.Str("hmacKey")!, listed);

        Assert.Equal(HttpStatusCode.OK, (await setup.Api.DeleteAsync($"/api/v1/acme-server/eab-keys/{id}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await setup.Api.DeleteAsync($"/api/v1/acme-server/eab-keys/{id}"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task No_key_id_or_hmac_key_starts_with_a_dash_that_a_client_s_command_line_would_take_for_a_flag()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var caId = (await setup.CreateCaAsync("CN=EAB dash CA")).GetProperty("id").GetGuid();
        var values = new List<string>();

        // 150 keys: 300 values, of which about 5 would start with '-' if drawn plainly (all 300 clear by chance: 1 %).
        for (var i = 0; i < 150; i++)
        {
            var created = await (await setup.Api.PostAsJsonAsync("/api/v1/acme-server/eab-keys", new { caId, customerId = setup.CustomerId, name = $"host{i}" }))
                .JsonAsync(HttpStatusCode.Created);
            values.Add(created.Str("keyId")!);
            values.Add(created.Str("hmacKey")!);
        }

        Assert.DoesNotContain(values, v => v.StartsWith('-'));
        Assert.Contains(values, v => v.Contains('-') || v.Contains('_'));
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_recorded_in_the_audit_log()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var caId = (await setup.CreateCaAsync("CN=EAB bad input CA")).GetProperty("id").GetGuid();

        var response = await setup.Api.PostAsJsonAsync("/api/v1/acme-server/eab-keys", new
        {
            caId, customerId = setup.CustomerId, name = "", allowedDomains = new[] { "*.contoso.test" }, keyTypes = new[] { "dsa1024" }, maxValidityDays = 0,
        });

        foreach (var field in new[] { "name", "allowedDomains", "keyTypes", "maxValidityDays" })
            await ProblemAssert.IsInvalidFieldAsync(response, field);
        var unknownCa = await setup.Api.PostAsJsonAsync("/api/v1/acme-server/eab-keys", new { caId = Guid.NewGuid(), customerId = setup.CustomerId, name = "x" });
        await ProblemAssert.IsInvalidFieldAsync(unknownCa, "caId");
        var audit = await setup.AuditAsync("acme-server.eab-key.create");
        Assert.Equal(2, audit.Count(e => e.Str("outcome") == "failure"));
    }

    [Fact]
    public async Task A_customer_with_eab_keys_is_kept_and_a_ca_that_issued_nothing_is_deleted_with_its_keys()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var caId = (await setup.CreateCaAsync("CN=EAB delete CA")).GetProperty("id").GetGuid();
        (await setup.Api.PostAsJsonAsync("/api/v1/acme-server/eab-keys", new { caId, customerId = setup.CustomerId, name = "web01" })).EnsureSuccessStatusCode();
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));

        var customer = await ProblemAssert.IsProblemAsync(await admin.DeleteAsync($"/api/v1/customers/{setup.CustomerId}"), HttpStatusCode.Conflict);
        Assert.Contains("1 ACME EAB key", customer.Str("detail"));

        Assert.Equal(HttpStatusCode.NoContent, (await setup.Api.DeleteAsync($"/api/v1/cas/{caId}")).StatusCode);
        Assert.Equal("[]", await (await setup.Api.GetAsync($"/api/v1/acme-server/eab-keys?caId={caId}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_read_only_token_may_not_list_or_make_keys()
    {
        var readOnly = portal.ApiClient(await portal.CreateTokenAsync("readonly"));

        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.GetAsync("/api/v1/acme-server/eab-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsJsonAsync("/api/v1/acme-server/eab-keys", new { caId = Guid.NewGuid(), name = "x" })).StatusCode);
    }
}
