using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPortal.Features.Certificates;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Certificates;

/// <summary>The main flow through the API: request → Pebble validates the TXT record in BIND → valid version → renew → revoke.</summary>
public sealed class CertificateIssuanceTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>, IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task A_wildcard_certificate_is_issued_with_every_step_logged_and_no_record_left_behind()
    {
        var issued = new IssuedListener();
        _portal.TestServices.Add(s => s.AddSingleton<ICertificateIssuedListener>(issued));
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);

        var id = await setup.RequestAsync("wild.example.test", ["*.wild.example.test"]);
        var certificate = await setup.WaitForStatusAsync(id, "valid");

        Assert.Equal(1, certificate.GetProperty("versions").GetArrayLength());
        Assert.InRange(certificate.GetProperty("daysLeft").GetInt32(), 1, 3650);
        Assert.Matches("^[0-9a-f]{64}$", certificate.GetProperty("thumbprintSha256").GetString());
        Assert.True(certificate.TryGetProperty("renewAfter", out var renewAfter) && renewAfter.ValueKind == JsonValueKind.String);

        var runs = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs");
        var steps = runs[0].GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Order created", "TXT written", "Propagated", "Validated", "Finalized", "Stored"], steps.Distinct());
        Assert.Equal("succeeded", runs[0].GetProperty("status").GetString());

        var fullchain = await setup.Api.GetStringAsync($"/api/v1/certificates/{id}/download?format=pem-fullchain");
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(fullchain);
        Assert.True(chain.Count >= 2);
        Assert.Equal(["wild.example.test", "*.wild.example.test"], chain[0].Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        Assert.Empty(await peers.Bind.TxtAsync("_acme-challenge.wild.example.test"));
        Assert.Contains(issued.Seen, e => e.CertificateId == Guid.Parse(id) && e.Version == 1 && !e.IsRenewal);
    }

    [Fact]
    public async Task Renewing_makes_a_second_version_with_a_fresh_key_and_keeps_the_first()
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var id = await setup.RequestAsync("renew.example.test", keyType: "rsa2048");
        var first = await setup.WaitForStatusAsync(id, "valid");
        var firstKey = await setup.Api.GetStringAsync($"/api/v1/certificates/{id}/download?format=pem-key");

        Assert.Equal(HttpStatusCode.Accepted, (await setup.Api.PostAsync($"/api/v1/certificates/{id}/renew", null)).StatusCode);
        var second = await setup.WaitAsync(id, c => c.GetProperty("versions").GetArrayLength() == 2 && c.GetProperty("status").GetString() == "valid");

        Assert.NotEqual(first.GetProperty("thumbprintSha256").GetString(), second.GetProperty("thumbprintSha256").GetString());
        var secondKey = await setup.Api.GetStringAsync($"/api/v1/certificates/{id}/download?format=pem-key");
        Assert.NotEqual(firstKey, secondKey);
        Assert.Contains("BEGIN PRIVATE KEY", secondKey);
        var firstAgain = await setup.Api.GetStringAsync($"/api/v1/certificates/{id}/download?format=pem-cert&version=1");
        Assert.Equal(first.GetProperty("thumbprintSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(X509Certificate2.CreateFromPem(firstAgain).RawData)));
        using var rsa = X509Certificate2.CreateFromPem(await setup.Api.GetStringAsync($"/api/v1/certificates/{id}/download?format=pem-cert")).GetRSAPublicKey();
        Assert.Equal(2048, rsa!.KeySize);
    }

    [Fact]
    public async Task A_revoked_certificate_is_revoked_at_the_ca_stops_renewing_and_cannot_be_revoked_twice()
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var id = await setup.RequestAsync("revoke.example.test");
        await setup.WaitForStatusAsync(id, "valid");

        var revoked = await setup.Api.PostAsJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = "keyCompromise" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var body = await revoked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("revoked", body.GetProperty("status").GetString());
        Assert.False(body.GetProperty("autoRenew").GetBoolean());
        using var leaf = X509Certificate2.CreateFromPem(await setup.Api.GetStringAsync($"/api/v1/certificates/{id}/download?format=pem-cert"));
        Assert.Equal("Revoked", await peers.Pebble.CertificateStatusAsync(leaf));

        var again = await setup.Api.PostAsJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = "keyCompromise" });
        Assert.Contains("already revoked", (await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        var badReason = await setup.Api.PostAsJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = "boredom" });
        Assert.Contains("Reason must be one of", (await ProblemAssert.IsInvalidFieldAsync(badReason, "reason"))[0]);
    }

    [Fact]
    public async Task A_name_the_dns_provider_cannot_write_fails_with_the_reason_and_a_time_to_retry()
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var id = await setup.RequestAsync("www.not-our-zone.test");
        var failed = await setup.WaitForStatusAsync(id, "failed");
        Assert.Contains("not inside the zone", failed.GetProperty("lastError").GetString());
        Assert.True(failed.GetProperty("nextAttemptAt").GetDateTime() > DateTime.UtcNow.AddMinutes(3));
        var audit = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={id}");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("outcome").GetString() == "failure" && e.GetProperty("action").GetString() == "certificate.issue");
    }

    public void Dispose() => _portal.Dispose();

    /// <summary>Records <see cref="CertificateIssued"/> the way the Deployments slice will receive it.</summary>
    private sealed class IssuedListener : ICertificateIssuedListener
    {
        private readonly List<CertificateIssued> _seen = [];

        public IReadOnlyList<CertificateIssued> Seen
        {
            get
            {
                lock (_seen)
                    return _seen.ToList();
            }
        }

        public Task OnIssuedAsync(CertificateIssued issued, CancellationToken ct)
        {
            lock (_seen)
                _seen.Add(issued);
            return Task.CompletedTask;
        }
    }
}
