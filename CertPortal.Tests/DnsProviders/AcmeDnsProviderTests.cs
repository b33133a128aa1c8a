using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using ARSoft.Tools.Net.Dns.DynamicUpdate;
using CertPortal.Features.DnsProviders.Propagation;
using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.DnsProviders.Simulators;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.DnsProviders;

/// <summary>
/// acme-dns against a simulator written from its documented API, which serves what it holds through the test BIND:
/// register through the portal, the customer's CNAME, an issuance proven to Pebble, and acme-dns's refusals.
/// </summary>
public sealed class AcmeDnsProviderTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>, IAsyncLifetime
{
    private readonly PortalFactory _portal = LabDiscovery.Portal(peers.Bind.NameServer, peers.Bind.Port);
    private AcmeDnsSimulator _acmeDns = default!;

    public async Task InitializeAsync() => _acmeDns = await AcmeDnsSimulator.StartAsync(peers.Bind);

    [Fact]
    public async Task A_registered_provider_shows_the_cname_keeps_its_password_sealed_and_a_certificate_is_issued_through_it()
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers, "technician", "acme-dns", new Dictionary<string, object?>
        {
            ["serverUrl"] = _acmeDns.BaseUrl, ["resolvers"] = new[] { peers.Bind.NameServer }, ["propagationTimeoutSeconds"] = 20,
        }, new { });
        var registered = await setup.Api.PostAsync($"/api/v1/dns-providers/{setup.DnsProviderId}/register", null);
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var body = await registered.Content.ReadFromJsonAsync<JsonElement>();
        var fulldomain = body.GetProperty("fulldomain").GetString()!;
        Assert.EndsWith($".{BindFixture.DelegationZone}", fulldomain);
        Assert.Equal($"_acme-challenge.<domain> CNAME {fulldomain}.", body.GetProperty("cname").GetString());
        Assert.Equal("set", body.GetProperty("provider").GetProperty("secrets").GetProperty("password").GetString());
        var subdomain = body.GetProperty("provider").GetProperty("settings").GetProperty("subdomain").GetString()!;

        await AddCnameAsync("_acme-challenge.acmedns.example.test", fulldomain);
        var id = await setup.RequestAsync("acmedns.example.test");
        await setup.WaitForStatusAsync(id, "valid");
        Assert.Single(_acmeDns.Values(subdomain));
        var audit = await setup.Api.GetStringAsync($"/api/v1/audit?entityId={setup.DnsProviderId}");
        Assert.Contains("dns-provider.register", audit);
    }

    [Fact]
    public async Task Without_the_cname_the_order_fails_naming_the_record_to_create()
    {
        var account = _acmeDns.Register();
        var error = await Assert.ThrowsAsync<DnsProviderException>(() => Publish(account, account.Password, "nocname.example.test"));
        Assert.Contains($"\"_acme-challenge.nocname.example.test CNAME {_acmeDns.Fulldomain(account)}.\"", error.Message);
    }

    [Fact]
    public async Task A_wrong_password_and_a_caller_outside_allowfrom_are_refused_with_acme_dns_s_401()
    {
        var account = _acmeDns.Register();
        await AddCnameAsync("_acme-challenge.wrongkey.example.test", _acmeDns.Fulldomain(account));
        var wrong = await Assert.ThrowsAsync<DnsProviderException>(() => Publish(account, "not-the-password", "wrongkey.example.test"));
        Assert.Contains("401 — the username or password is wrong, or this portal's address is not in the account's allowfrom list", wrong.Message);

        var fenced = _acmeDns.Register("10.0.0.0/8");
        await AddCnameAsync("_acme-challenge.fenced.example.test", _acmeDns.Fulldomain(fenced));
        var outside = await Assert.ThrowsAsync<DnsProviderException>(() => Publish(fenced, fenced.Password, "fenced.example.test"));
        Assert.Contains("401", outside.Message);
        Assert.Empty(_acmeDns.Values(fenced.Subdomain));
    }

    [Fact]
    public async Task A_value_that_is_not_a_dns_01_digest_is_refused_as_bad_txt_and_only_the_two_newest_values_are_kept()
    {
        var account = _acmeDns.Register();
        var provider = new AcmeDnsProvider(SimulatorHttp.Factory, TimeProvider.System);
        var bad = await Assert.ThrowsAsync<DnsProviderException>(() => provider.CreateTxtAsync(Settings(account, account.Password),
            _acmeDns.Fulldomain(account), "too-short", CancellationToken.None));
        Assert.Contains("bad_txt", bad.Message);

        foreach (var value in new[] { new string('a', 43), new string('b', 43), new string('c', 43) })
            await provider.CreateTxtAsync(Settings(account, account.Password), _acmeDns.Fulldomain(account), value, CancellationToken.None);
        Assert.Equal([new string('b', 43), new string('c', 43)], _acmeDns.Values(account.Subdomain));
        Assert.Equal([new string('b', 43), new string('c', 43)], (await peers.Bind.TxtAsync(_acmeDns.Fulldomain(account))).Order());
    }

    private Task<PublishedTxt> Publish(AcmeDnsSimulator.Account account, string password, string name) =>
        LabDiscovery.Solver(peers.Bind.NameServer, peers.Bind.Port).PublishAsync(new AcmeDnsProvider(SimulatorHttp.Factory, TimeProvider.System),
            Settings(account, password), $"_acme-challenge.{name}", new string('x', 43), [DnsServerAddress.Parse(peers.Bind.NameServer)],
            TimeSpan.FromSeconds(10), null, CancellationToken.None);

    private DnsProviderSettings Settings(AcmeDnsSimulator.Account account, string password) => new(new Dictionary<string, string?>
    {
        ["serverUrl"] = _acmeDns.BaseUrl, ["username"] = account.Username, ["subdomain"] = account.Subdomain, ["fulldomain"] = _acmeDns.Fulldomain(account),
    }, new Dictionary<string, string?> { ["password"] = password });

    // What the customer does once per name in their own DNS.
    private async Task AddCnameAsync(string name, string target)
    {
        var message = new DnsUpdateMessage { ZoneName = DomainName.Parse(BindFixture.Zone) };
        message.Updates.Add(new AddRecordUpdate(new CNameRecord(DomainName.Parse(name), 60, DomainName.Parse(target))));
        message.TSigOptions = new TSigRecord(DomainName.Parse(BindFixture.KeyName), TSigAlgorithm.Sha256, DateTime.UtcNow, TimeSpan.FromMinutes(5),
            message.TransactionID, ReturnCode.NoError, null, Convert.FromBase64String(peers.Bind.TsigSecret));
        var answer = await DnsServerAddress.Parse(peers.Bind.NameServer).CreateClient(5_000).SendUpdateAsync(message);
        Assert.Equal(ReturnCode.NoError, answer?.ReturnCode);
    }

    public async Task DisposeAsync()
    {
        await _acmeDns.DisposeAsync();
        _portal.Dispose();
    }
}
