using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Features.Certificates.Issuance;
using CertPortal.Tests.Acme;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Certificates;

/// <summary>
/// ACME profiles (draft-ietf-acme-profiles) from the client's side, with the directory simulator beside Pebble offering
/// them: the order carries the chosen one; one the CA does not list fails before any order, once; one the CA refuses
/// shows the CA's words.
/// </summary>
public sealed class ProfileIssuanceTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>, IDisposable
{
    private static readonly Dictionary<string, string> Offered = new()
    {
        ["classic"] = "The usual 90-day certificate",
        ["shortlived"] = "A certificate of about 6 days",
    };

    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task An_order_carries_the_chosen_profile_and_the_certificate_ends_valid_showing_it()
    {
        await using var ca = await AriDirectorySimulator.StartAsync(peers.Pebble);
        var (setup, id, issued) = await OrderAsync(ca, "profiled.example.test", "shortlived", "valid");

        Assert.Equal("shortlived", issued.GetProperty("profile").GetString());
        Assert.Equal(["shortlived"], ca.OrderedProfiles);
        var runs = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs");
        Assert.Contains(runs[0].GetProperty("steps").EnumerateArray(), s => s.GetProperty("message").GetString()!.Contains("profile shortlived"));

        var plain = await setup.RequestAsync("default-profile.example.test");
        Assert.Equal(JsonValueKind.Null, (await setup.WaitForStatusAsync(plain, "valid")).GetProperty("profile").ValueKind);
        Assert.Equal(["shortlived", null], ca.OrderedProfiles);
    }

    [Fact]
    public async Task A_profile_the_ca_does_not_list_fails_at_once_naming_what_it_offers_and_is_not_tried_again()
    {
        await using var ca = await AriDirectorySimulator.StartAsync(peers.Pebble);
        var (setup, id, failed) = await OrderAsync(ca, "unlisted.example.test", "tlsserver", "failed");

        var error = failed.GetProperty("lastError").GetString()!;
        Assert.Contains("does not offer the profile 'tlsserver'", error);
        Assert.Contains("it offers classic, shortlived", error);
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("nextAttemptAt").ValueKind);
        Assert.Empty(ca.OrderedProfiles);

        // Days later the renewal job still leaves it alone: only a person starts it again.
        _portal.Clock.Advance(TimeSpan.FromDays(3));
        await using (var scope = _portal.Services.CreateAsyncScope())
            Assert.DoesNotContain(Guid.Parse(id), await ActivatorUtilities.CreateInstance<RenewalJob>(scope.ServiceProvider).RunOnceAsync(CancellationToken.None));
        var runs = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs");
        Assert.Equal(1, runs.GetArrayLength());

        // A CA that lists no profiles at all (Debian's Pebble) says so.
        var plain = await IssuanceSetup.CreateAsync(_portal, peers);
        var other = await plain.RequestAsync("no-profiles.example.test", profile: "shortlived");
        Assert.Contains("it offers no profiles", (await plain.WaitForStatusAsync(other, "failed")).GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task A_ca_that_refuses_the_profile_with_invalidProfile_shows_its_detail_in_the_run()
    {
        await using var ca = await AriDirectorySimulator.StartAsync(peers.Pebble);
        ca.RefuseProfile("shortlived", "Account 42 is not permitted to use certificate profile shortlived");
        var (setup, id, failed) = await OrderAsync(ca, "refused.example.test", "shortlived", "failed");

        Assert.Contains("Account 42 is not permitted to use certificate profile shortlived", failed.GetProperty("lastError").GetString());
        Assert.Equal(["shortlived"], ca.OrderedProfiles);
        var runs = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs");
        Assert.Contains(runs[0].GetProperty("steps").EnumerateArray(), s => s.GetProperty("status").GetString() == "failed"
            && s.GetProperty("message").GetString()!.Contains("not permitted to use certificate profile shortlived"));
    }

    [Fact]
    public async Task A_profile_that_is_no_short_name_is_refused_with_the_field_named_and_audited()
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var response = await setup.Api.PostAsJsonAsync("/api/v1/certificates", setup.Request("bad-profile.example.test", profile: "short lived; drop"));
        var errors = await ProblemAssert.IsInvalidFieldAsync(response, "profile");
        Assert.Contains(errors, e => e.Contains("short name"));
        var list = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates?customerId={setup.CustomerId}");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        var audit = await setup.Api.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=certificate.request");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("outcome").GetString() == "failure"
            && e.GetProperty("summary").GetString()!.Contains("Profile must be a short name"));
    }

    /// <summary>An account at the simulator offering <see cref="Offered"/>, a certificate asked for with <paramref name="profile"/>, and its state once it is <paramref name="status"/>.</summary>
    private async Task<(IssuanceSetup Setup, string Id, JsonElement Certificate)> OrderAsync(AriDirectorySimulator ca, string name, string profile, string status)
    {
        ca.OfferProfiles(Offered);
        var setup = await IssuanceSetup.CreateAsync(_portal, peers, directoryUrl: ca.DirectoryUrl);
        var id = await setup.RequestAsync(name, profile: profile);
        return (setup, id, await setup.WaitForStatusAsync(id, status));
    }

    public void Dispose() => _portal.Dispose();
}
