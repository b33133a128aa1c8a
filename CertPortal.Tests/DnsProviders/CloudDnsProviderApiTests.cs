using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.DnsProviders.Simulators;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.DnsProviders;

/// <summary>/api/v1/dns-providers with each cloud type: its declared fields validate, secrets stay write-only, Test passes.</summary>
public sealed class CloudDnsProviderApiTests(BindFixture bind) : IClassFixture<BindFixture>, IDisposable
{
    private readonly PortalFactory _portal = new();

    [Theory]
    [MemberData(nameof(SimulatedVendors.Types), MemberType = typeof(SimulatedVendors))]
    public async Task A_cloud_provider_is_created_tested_through_its_vendor_and_never_shows_its_secret(string type)
    {
        await using var vendor = await SimulatedVendors.StartAsync(type, bind);
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));

        var created = await api.PostAsJsonAsync("/api/v1/dns-providers", Body(customer.Id, type, vendor, vendor.Secrets()));
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        var provider = JsonDocument.Parse(text).RootElement;
        foreach (var (secret, value) in vendor.Secrets())
        {
            Assert.DoesNotContain(value!, text);
            Assert.Equal("set", provider.GetProperty("secrets").GetProperty(secret).GetString());
        }
        var id = provider.GetProperty("id").GetString();

        var test = await (await api.PostAsync($"/api/v1/dns-providers/{id}/test", null)).JsonAsync();
        Assert.True(test.GetProperty("ok").GetBoolean(), test.Str("message"));
        Assert.StartsWith($"Wrote, saw and removed a TXT record at _certportal-test-", test.Str("message"));
        Assert.All(vendor.Dns.Zones, zone => Assert.Empty(vendor.Dns.Records(zone)));

        var shown = await _portal.ApiClient(await _portal.CreateTokenAsync("readonly")).GetStringAsync($"/api/v1/dns-providers/{id}");
        Assert.All(vendor.Secrets().Values, value => Assert.DoesNotContain(value!, shown));
    }

    [Theory]
    [MemberData(nameof(SimulatedVendors.Types), MemberType = typeof(SimulatedVendors))]
    public async Task A_cloud_provider_without_its_secret_is_refused_naming_the_field(string type)
    {
        await using var vendor = await SimulatedVendors.StartAsync(type, bind);
        var customer = await _portal.SeedCustomerAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));

        var problem = await ProblemAssert.IsProblemAsync(await api.PostAsJsonAsync("/api/v1/dns-providers", Body(customer.Id, type, vendor, [])), HttpStatusCode.BadRequest);

        Assert.All(vendor.Secrets().Keys, secret => Assert.True(problem.GetProperty("errors").TryGetProperty($"secrets.{secret}", out _), secret));
    }

    private object Body(Guid customerId, string type, ISimulatedVendor vendor, Dictionary<string, string?> secrets)
    {
        var settings = vendor.Settings().ToDictionary(s => s.Key, s => (object?)s.Value);
        settings["resolvers"] = new[] { bind.NameServer };
        settings["propagationTimeoutSeconds"] = 10;
        return new { customerId, name = $"{type} DNS", type, settings, secrets };
    }

    public void Dispose() => _portal.Dispose();
}
