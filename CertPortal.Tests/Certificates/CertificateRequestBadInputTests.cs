using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Certificates;

/// <summary>Requests a CA would refuse are refused here with the field named, nothing stored, and an audit entry.</summary>
public sealed class CertificateRequestBadInputTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>, IDisposable
{
    private readonly PortalFactory _portal = new();

    [Theory]
    [InlineData("commonName", "localhost", null, "not a fully qualified")]
    [InlineData("commonName", "printer.local", null, "reserved name")]
    [InlineData("commonName", "192.0.2.10", null, "IP address")]
    [InlineData("commonName", "bad_name.example.test", null, "not a valid host name")]
    [InlineData("commonName", "www.*.example.test", null, "left-most label")]
    [InlineData("subjectAlternativeNames[1]", "a.example.test", "b.example.test,b.example.test", "listed twice")]
    [InlineData("commonName", "", null, "required")]
    public async Task Bad_names_are_refused_with_the_field_named(string field, string commonName, string? sans, string message)
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var body = Body(setup, commonName, sans?.Split(',') ?? []);
        var errors = await ProblemAssert.IsInvalidFieldAsync(await setup.Api.PostAsJsonAsync("/api/v1/certificates", body), field);
        Assert.Contains(errors, e => e.Contains(message));
        await AssertNothingStoredAsync(setup);
    }

    [Fact]
    public async Task More_than_a_hundred_names_a_wildcard_over_http01_and_a_foreign_dns_provider_are_refused()
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var many = Enumerable.Range(0, 101).Select(i => $"n{i}.example.test").ToArray();
        Assert.Contains("at most 100 names", (await ProblemAssert.IsInvalidFieldAsync(
            await setup.Api.PostAsJsonAsync("/api/v1/certificates", Body(setup, "example.test", many)), "subjectAlternativeNames"))[0]);

        var wildcardHttp = Body(setup, "*.example.test", []);
        wildcardHttp["challengeType"] = "http-01";
        Assert.Contains("only be validated with DNS-01", (await ProblemAssert.IsInvalidFieldAsync(
            await setup.Api.PostAsJsonAsync("/api/v1/certificates", wildcardHttp), "commonName"))[0]);

        var other = await IssuanceSetup.CreateAsync(_portal, peers);
        var foreign = Body(setup, "www.example.test", []);
        foreign["dnsProviderId"] = other.DnsProviderId;
        await ProblemAssert.IsInvalidFieldAsync(await setup.Api.PostAsJsonAsync("/api/v1/certificates", foreign), "dnsProviderId");

        var badKey = Body(setup, "www.example.test", []);
        badKey["keyType"] = "rsa1024";
        await ProblemAssert.IsInvalidFieldAsync(await setup.Api.PostAsJsonAsync("/api/v1/certificates", badKey), "keyType");
        await AssertNothingStoredAsync(setup);

        var audit = await setup.Api.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=certificate.request");
        Assert.True(audit.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("outcome").GetString() == "failure") >= 4);
    }

    [Fact]
    public async Task Unknown_ids_answer_404_and_readonly_may_not_request()
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var unknown = Guid.NewGuid();
        await ProblemAssert.IsProblemAsync(await setup.Api.GetAsync($"/api/v1/certificates/{unknown}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await setup.Api.PostAsync($"/api/v1/certificates/{unknown}/renew", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await setup.Api.GetAsync($"/api/v1/certificates/{unknown}/download?format=pem-cert"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await setup.Api.DeleteAsync($"/api/v1/acme-accounts/{unknown}"), HttpStatusCode.NotFound);

        var readonlyApi = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));
        await ProblemAssert.IsProblemAsync(await readonlyApi.PostAsJsonAsync("/api/v1/certificates", Body(setup, "www.example.test", [])), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_directory_url_that_is_not_acme_and_a_half_given_eab_are_refused_and_nothing_is_stored()
    {
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        var notAcme = new Uri(peers.Pebble.DirectoryUrl, "/nothing-here");
        var refused = await api.PostAsJsonAsync("/api/v1/acme-accounts", new { customerId = customer.Id, name = "Wrong", directoryUrl = notAcme, email = "ops@example.com", trustedRootsPem = peers.Pebble.TlsRootPem });
        Assert.Contains("ACME directory", (await ProblemAssert.IsInvalidFieldAsync(refused, "directoryUrl"))[0]);

        var halfEab = await api.PostAsJsonAsync("/api/v1/acme-accounts", new { customerId = customer.Id, name = "Half", preset = "zerossl", email = "ops@example.com", eabKeyId = "kid" });
        await ProblemAssert.IsInvalidFieldAsync(halfEab, "secrets.eabHmacKey");

        var http = await api.PostAsJsonAsync("/api/v1/acme-accounts", new { name = "Plain", directoryUrl = "http://ca.example/dir", email = "ops@example.com" });
        await ProblemAssert.IsInvalidFieldAsync(http, "directoryUrl");

        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/acme-accounts");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    private static Dictionary<string, object?> Body(IssuanceSetup setup, string commonName, string[] sans) => new()
    {
        ["customerId"] = setup.CustomerId, ["commonName"] = commonName, ["subjectAlternativeNames"] = sans,
        ["acmeAccountId"] = setup.AccountId, ["dnsProviderId"] = setup.DnsProviderId, ["keyType"] = "ec256", ["autoRenew"] = true,
    };

    private static async Task AssertNothingStoredAsync(IssuanceSetup setup)
    {
        var list = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates?customerId={setup.CustomerId}");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    public void Dispose() => _portal.Dispose();
}
