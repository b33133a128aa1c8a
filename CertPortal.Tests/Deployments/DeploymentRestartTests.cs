using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Deployments;

/// <summary>
/// The real portal binary is killed with SIGKILL while a run is pushing to a device that hangs; after the restart the
/// same run says it was interrupted, runs again and is verified: one run, not lost and not doubled.
/// </summary>
public sealed class DeploymentRestartTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>
{
    private const string Admin = "deploy-restart@msp.test";

    [Fact]
    public async Task A_run_cut_off_by_kill_9_is_marked_interrupted_and_run_again_once_after_restart()
    {
        using var data = new TempFolder("certportal-deploy-restart");
        await using var device = await WebhookDevice.StartAsync();
        var hang = new TaskCompletionSource();
        device.HoldPushes = hang.Task;
        IssuanceSetup setup;
        string deploymentId, runId;
        int port;
        using (var first = await PortalProcess.StartAsync(data.Path, Admin))
        {
            port = new Uri(first.BaseUrl).Port;
            setup = await IssuanceSetup.CreateAsync(first, peers);
            var certificateId = await setup.RequestAsync("deploy-restart.example.test");
            await setup.WaitForStatusAsync(certificateId, "valid");
            var target = await setup.Api.PostAsJsonAsync("/api/v1/targets", new
            {
                customerId = setup.CustomerId, name = "Hanging device", type = "webhook",
                settings = new { url = device.HookUrl, includeKey = "true", verifyHost = "127.0.0.1", verifyPort = device.TlsPort.ToString(), verifySni = "deploy-restart.example.test" },
                secrets = new { hmacSecret = "restart-secret" },
            });
            deploymentId = await IssuanceSetup.IdOf(await setup.Api.PostAsJsonAsync("/api/v1/deployments", new { certificateId, targetId = await IssuanceSetup.IdOf(target), autoDeploy = false }));
            var started = await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/run", null);
            runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
            await WaitUntilAsync(() => { lock (device.Events) return device.Events.Count == 1; }, "the push never reached the device");
            Assert.Equal("running", (await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}/runs/{runId}")).GetProperty("status").GetString());
            first.Kill();
        }
        device.HoldPushes = null;
        hang.SetResult();

        using var second = await PortalProcess.StartAsync(data.Path, Admin, port: port);
        var run = await RunPolling.WaitForFinishAsync(setup.Api, $"/api/v1/deployments/{deploymentId}/runs/{runId}");

        Assert.Equal("verified", run.GetProperty("status").GetString());
        var steps = run.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("status").GetString())).ToList();
        Assert.Equal([("start", "done"), ("interrupted", "failed"), ("start", "done"), ("upload", "done"), ("verify", "done")], steps);
        var runs = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}/runs");
        Assert.Single(runs.EnumerateArray());
        lock (device.Events)
            Assert.Equal(["certificate.deployed", "certificate.deployed"], device.Events);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
            if (condition())
                return;
        throw new TimeoutException(failure);
    }
}
