using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Deployments;

/// <summary>
/// Firewalls end to end through the portal's API: a Pebble certificate bound to a FortiGate, PAN-OS or SonicWall
/// simulator whose management interface gets it, pinned trust that follows the certificate, and the device's faults
/// (a change that does not take, a failed bind or commit, a web page instead of the API).
/// </summary>
public sealed class FirewallDeploymentTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>, IDisposable
{
    private readonly PortalFactory _portal = new();

    [Theory]
    [InlineData("fortigate")]
    [InlineData("panos")]
    [InlineData("sonicwall")]
    public async Task A_run_is_verified_on_the_management_address_the_pin_follows_and_the_renewal_still_gets_through(string type)
    {
        await using var device = await FirewallDevice.StartAsync(type);
        var (setup, watcher, certificateId, targetId, deploymentId) = await ArrangeAsync($"{type}-mgmt.example.test", device);

        var started = await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = await watcher.FinishedAsync(deploymentId, 1);

        var v1 = (await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{certificateId}")).GetProperty("thumbprintSha256").GetString()!;
        Assert.True("verified" == run.GetProperty("status").GetString(), run.ToString());
        Assert.Equal(v1, run.GetProperty("servedThumbprintSha256").GetString());
        Assert.Contains(RunWatcher.Steps(run), s => s.Name == "repin" && s.Message.Contains($"to {v1[..16]}"));
        Assert.Equal(v1, await PinAsync(setup.Api, targetId));
        var audit = await setup.Api.GetStringAsync($"/api/v1/audit?entityId={targetId}&action=target.repinned");
        Assert.Contains($"from {device.ManagementSha256} to {v1}", audit);
        Assert.True((await (await setup.Api.PostAsync($"/api/v1/targets/{targetId}/test", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ok").GetBoolean());

        // The renewal's run meets v1 on the management API with v1 pinned, and the pin follows again.
        await setup.Api.PostAsync($"/api/v1/certificates/{certificateId}/renew", null);
        var renewed = await setup.WaitAsync(certificateId, c => c.GetProperty("versions").GetArrayLength() == 2 && c.GetProperty("status").GetString() == "valid");
        var second = await watcher.FinishedAsync(deploymentId, 2);
        var v2 = renewed.GetProperty("thumbprintSha256").GetString()!;
        Assert.True("verified" == second.GetProperty("status").GetString(), second.ToString());
        Assert.Equal(v2, await device.ServedOnManagementAsync());
        Assert.Equal(v2, await PinAsync(setup.Api, targetId));
    }

    [Fact]
    public async Task A_certificate_verified_on_another_port_than_management_leaves_the_pin_alone()
    {
        await using var device = await FirewallDevice.StartAsync("fortigate");
        (device.Settings["bindAdminGui"], device.Settings["bindSslVpn"], device.Settings["verifyPort"]) = ("false", "true", device.ServicePort.ToString());
        var (setup, watcher, _, targetId, deploymentId) = await ArrangeAsync("fortigate-vpn.example.test", device);

        await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/run", null);
        var run = await watcher.FinishedAsync(deploymentId, 1);

        Assert.True("verified" == run.GetProperty("status").GetString(), run.ToString());
        Assert.DoesNotContain(RunWatcher.Steps(run), s => s.Name == "repin");
        Assert.Equal(device.ManagementSha256, await device.ServedOnManagementAsync());
        Assert.Equal(device.ManagementSha256, await PinAsync(setup.Api, targetId));
    }

    [Theory]
    [InlineData("fortigate")]
    [InlineData("panos")]
    [InlineData("sonicwall")]
    public async Task A_device_that_keeps_serving_the_old_certificate_gets_the_previous_version_back_and_keeps_its_pin(string type)
    {
        await using var device = await FirewallDevice.StartAsync(type);
        var (setup, watcher, certificateId, targetId, deploymentId) = await ArrangeVerifiedAsync($"{type}-keep.example.test", device);
        var v1 = await PinAsync(setup.Api, targetId);

        device.KeepServingCurrent();
        await setup.Api.PostAsync($"/api/v1/certificates/{certificateId}/renew", null);
        var run = await watcher.FinishedAsync(deploymentId, 2);

        Assert.True("rolled-back" == run.GetProperty("status").GetString(), run.ToString());
        var steps = RunWatcher.Steps(run);
        Assert.Contains(steps, s => s is { Name: "verify", Status: "failed" } && s.Message.Contains($"serves {v1[..16]}…, not version 2"));
        Assert.Equal(("rollback", "done", "Version 1 put back."), steps[^1]);
        Assert.Equal(v1, await device.ServedOnManagementAsync());
        Assert.Equal(v1, await PinAsync(setup.Api, targetId));
        Assert.Equal(1, (await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}")).GetProperty("verifiedVersion").GetInt32());
    }

    [Theory]
    [InlineData("fortigate")]
    [InlineData("panos")]
    [InlineData("sonicwall")]
    public async Task A_bind_or_commit_that_fails_after_the_import_fails_the_run_at_that_step_and_the_device_serves_the_previous_version(string type)
    {
        await using var device = await FirewallDevice.StartAsync(type);
        var (setup, watcher, certificateId, targetId, deploymentId) = await ArrangeVerifiedAsync($"{type}-fail.example.test", device);
        var v1 = await PinAsync(setup.Api, targetId);

        var step = device.FailAfterImport();
        await setup.Api.PostAsync($"/api/v1/certificates/{certificateId}/renew", null);
        var run = await watcher.FinishedAsync(deploymentId, 2);

        Assert.True("failed" == run.GetProperty("status").GetString(), run.ToString());
        var steps = RunWatcher.Steps(run);
        Assert.Equal(3, steps.Count(s => s.Name == step && s.Status == "failed"));
        Assert.Equal(step, steps[^1].Name);
        Assert.Contains(steps, s => s.Name is "import" or "upload" && s.Message.Contains("version 2"));
        Assert.Equal(v1, await device.ServedOnManagementAsync());
        Assert.Equal(v1, await PinAsync(setup.Api, targetId));
    }

    [Theory]
    [InlineData("fortigate", "no FortiOS JSON (is baseUrl the management address?)")]
    [InlineData("panos", "no XML API response (is baseUrl the management address?)")]
    [InlineData("sonicwall", "an HTML page); is the SonicOS API enabled")]
    public async Task A_firewall_that_answers_a_web_page_fails_at_connect_with_a_clear_message(string type, string expected)
    {
        await using var device = await FirewallDevice.StartAsync(type);
        var (setup, watcher, _, targetId, deploymentId) = await ArrangeAsync($"{type}-html.example.test", device);
        device.AnswerHtml();

        await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/run", null);
        var run = await watcher.FinishedAsync(deploymentId, 1);

        Assert.True("failed" == run.GetProperty("status").GetString(), run.ToString());
        var last = RunWatcher.Steps(run)[^1];
        Assert.Equal(("connect", "failed"), (last.Name, last.Status));
        Assert.Contains(expected, last.Message);
        Assert.Equal(device.ManagementSha256, await device.ServedOnManagementAsync());
        Assert.Equal(device.ManagementSha256, await PinAsync(setup.Api, targetId));
    }

    private async Task<(IssuanceSetup, RunWatcher, string CertificateId, string TargetId, string DeploymentId)> ArrangeVerifiedAsync(string name, FirewallDevice device)
    {
        var arranged = await ArrangeAsync(name, device);
        var (setup, watcher, _, _, deploymentId) = arranged;
        await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/run", null);
        var first = await watcher.FinishedAsync(deploymentId, 1);
        Assert.True("verified" == first.GetProperty("status").GetString(), first.ToString());
        return arranged;
    }

    private async Task<(IssuanceSetup, RunWatcher, string CertificateId, string TargetId, string DeploymentId)> ArrangeAsync(string name, FirewallDevice device)
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var certificateId = await setup.RequestAsync(name);
        await setup.WaitForStatusAsync(certificateId, "valid");
        var target = await setup.Api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = setup.CustomerId, name = $"{device.Type} {name}", type = device.Type, settings = device.Settings, secrets = device.Secrets,
        });
        Assert.True(target.StatusCode == HttpStatusCode.Created, await target.Content.ReadAsStringAsync());
        var targetId = await IssuanceSetup.IdOf(target);
        var deployment = await setup.Api.PostAsJsonAsync("/api/v1/deployments", new { certificateId, targetId, autoDeploy = true });
        Assert.True(deployment.StatusCode == HttpStatusCode.Created, await deployment.Content.ReadAsStringAsync());
        return (setup, new RunWatcher(_portal, setup.Api), certificateId, targetId, await IssuanceSetup.IdOf(deployment));
    }

    private static async Task<string> PinAsync(HttpClient api, string targetId) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/targets/{targetId}")).GetProperty("settings").GetProperty("pinnedCertSha256").GetString()!;

    public void Dispose() => _portal.Dispose();
}
