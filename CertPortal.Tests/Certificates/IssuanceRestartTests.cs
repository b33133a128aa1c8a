using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Certificates;

/// <summary>
/// "The database is the truth": the real portal binary is killed with SIGKILL in the middle of an order and started
/// again on the same data folder; the order is taken up again and nothing is lost, doubled or left behind in DNS.
/// </summary>
public sealed class IssuanceRestartTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>
{
    private const string Admin = "restart@msp.test";
    private const string CommonName = "restart.example.test";
    private const string ChallengeRecord = "_acme-challenge." + CommonName;

    [Fact]
    public async Task An_order_cut_off_by_kill_9_is_ordered_again_after_restart_with_one_version_and_no_record_left()
    {
        using var data = new TempFolder("certportal-restart");
        // The first run asks a resolver where nothing answers, so it is reliably caught after writing its TXT record
        // and before the CA is asked: the moment a crash must not leak a record or lose the order.
        var silentResolver = $"127.0.0.1:{FreePort.Next()}";
        string id;
        string staleValue;
        IssuanceSetup setup;
        int port;
        using (var first = await PortalProcess.StartAsync(data.Path, Admin))
        {
            port = new Uri(first.BaseUrl).Port;
            setup = await IssuanceSetup.CreateAsync(first, peers, IssuanceSetup.ProviderSettings(peers, [silentResolver], propagationTimeoutSeconds: 600));
            id = await setup.RequestAsync(CommonName);
            staleValue = await WaitForTxtAsync(first);
            Assert.Equal("issuing", (await setup.WaitForStatusAsync(id, "issuing", 5)).GetProperty("status").GetString());

            // Fixed while the run is stuck: the run holds the settings it loaded, so only the order after the restart sees this.
            var fixedProvider = await setup.Api.PutAsJsonAsync($"/api/v1/dns-providers/{setup.DnsProviderId}",
                new { name = "BIND", type = "rfc2136", settings = IssuanceSetup.ProviderSettings(peers) });
            Assert.Equal(HttpStatusCode.OK, fixedProvider.StatusCode);
            first.Kill();
        }
        Assert.Contains(staleValue, await peers.Bind.TxtAsync(ChallengeRecord));

        using var second = await PortalProcess.StartAsync(data.Path, Admin, port: port);
        var certificate = await setup.WaitForStatusAsync(id, "valid", 60);

        Assert.Equal(1, certificate.GetProperty("versions").GetArrayLength());
        Assert.Empty(await peers.Bind.TxtAsync(ChallengeRecord));
        var runs = (await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs")).EnumerateArray().ToList();
        Assert.Equal(["succeeded", "interrupted"], runs.Select(r => r.GetProperty("status").GetString()));
        var interrupted = runs[1].GetProperty("steps").EnumerateArray().Last();
        Assert.Equal(("Interrupted", "failed"), (interrupted.GetProperty("name").GetString(), interrupted.GetProperty("status").GetString()));
        Assert.Contains("stopped during this run", interrupted.GetProperty("message").GetString());
        var list = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates?customerId={setup.CustomerId}");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var audit = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={id}");
        Assert.Single(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "certificate.issue" && e.GetProperty("outcome").GetString() == "success");
    }

    /// <summary>The TXT value the first run wrote into BIND, once it is there.</summary>
    private async Task<string> WaitForTxtAsync(PortalProcess portal)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
            if (await peers.Bind.TxtAsync(ChallengeRecord) is [var value, ..])
                return value;
        throw new TimeoutException($"The first run wrote no TXT record at {ChallengeRecord} within 30 s:\n{portal.Output}");
    }
}
