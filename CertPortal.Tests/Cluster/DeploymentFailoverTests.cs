using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Deployments;
using CertPortal.Tests.DnsProviders;

namespace CertPortal.Tests.Cluster;

/// <summary>
/// Deployment runs with two portal processes on one PostgreSQL database: a run whose instance is killed mid-push is
/// finished by the other, once; two runs for one device, queued on different instances, never run at the same time.
/// </summary>
public sealed class DeploymentFailoverTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>
{
    [Fact]
    public async Task A_run_whose_instance_is_killed_mid_push_is_run_again_and_verified_by_the_other_instance()
    {
        using var cluster = await PortalCluster.StartAsync("cluster-deploy@msp.test");
        await using var device = await WebhookDevice.StartAsync();
        var setup = await IssuanceSetup.CreateAsync(cluster.Portals[0], peers);
        var targetId = await CreateTargetAsync(setup, device, "cluster-deploy.example.test");
        var deploymentId = await BindAsync(setup, "cluster-deploy.example.test", targetId);
        var hang = new TaskCompletionSource();
        device.HoldPushes = hang.Task;

        var started = await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/run", null);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        await WaitUntilAsync(() => { lock (device.Events) return device.Events.Count == 1; }, "the push never reached the device");
        var killed = await cluster.HolderOfAsync("deployment");
        var survivor = cluster.Portals.Single(p => p != killed);
        killed.Kill();
        device.HoldPushes = null;
        hang.SetResult();

        var api = PortalCluster.ClientOf(survivor, setup.Api);
        var run = await RunPolling.WaitForFinishAsync(api, $"/api/v1/deployments/{deploymentId}/runs/{runId}");
        Assert.True(run.GetProperty("status").GetString() == "verified", $"{run}\n{survivor.Output}");
        var steps = run.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("status").GetString())).ToList();
        Assert.Equal([("start", "done"), ("interrupted", "failed"), ("start", "done"), ("upload", "done"), ("verify", "done")], steps);
        Assert.Single((await api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}/runs")).EnumerateArray());
        lock (device.Events)
            Assert.Equal(["certificate.deployed", "certificate.deployed"], device.Events);
        Assert.Contains("Taking up deployment", survivor.Output);
        Assert.Empty(await cluster.QueuedWorkLeftAsync());
    }

    [Fact]
    public async Task Two_runs_for_one_target_queued_on_different_instances_never_overlap()
    {
        using var cluster = await PortalCluster.StartAsync("cluster-lock@msp.test");
        await using var device = await WebhookDevice.StartAsync();
        var setup = await IssuanceSetup.CreateAsync(cluster.Portals[0], peers);
        var targetId = await CreateTargetAsync(setup, device, "cluster-lock.example.test");
        var first = await BindAsync(setup, "cluster-lock.example.test", targetId);
        var second = await BindAsync(setup, "cluster-lock-2.example.test", targetId);
        var clients = cluster.Portals.Select(p => PortalCluster.ClientOf(p, setup.Api)).ToList();
        var hold = new TaskCompletionSource();
        device.HoldPushes = hold.Task;

        await Task.WhenAll(clients[0].PostAsync($"/api/v1/deployments/{first}/run", null), clients[1].PostAsync($"/api/v1/deployments/{second}/run", null));
        await WaitUntilAsync(() => { lock (device.Events) return device.Events.Count >= 1; }, "no push reached the device");
        // Several polls and lease renewals on both instances: the other run still waits for the target.
        await Task.Delay(TimeSpan.FromSeconds(3));
        lock (device.Events)
            Assert.Single(device.Events);
        device.HoldPushes = null;
        hold.SetResult();

        var runs = new List<JsonElement>();
        foreach (var deploymentId in new[] { first, second })
            runs.Add(await RunPolling.WaitForFinishAsync(setup.Api, $"/api/v1/deployments/{deploymentId}/runs", 1));
        Assert.All(runs, r => Assert.Equal("verified", r.GetProperty("status").GetString()));
        var (earlier, later) = runs[0].GetProperty("startedAt").GetDateTime() < runs[1].GetProperty("startedAt").GetDateTime() ? (runs[0], runs[1]) : (runs[1], runs[0]);
        Assert.True(earlier.GetProperty("finishedAt").GetDateTime() <= later.GetProperty("startedAt").GetDateTime(), $"The runs overlap: {earlier} and {later}");
        lock (device.Events)
            Assert.Equal(2, device.Events.Count);
    }

    private static async Task<string> CreateTargetAsync(IssuanceSetup setup, WebhookDevice device, string serverName)
    {
        var target = await setup.Api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = setup.CustomerId, name = "Shared device", type = "webhook",
            settings = new { url = device.HookUrl, includeKey = "true", verifyHost = "127.0.0.1", verifyPort = device.TlsPort.ToString(), verifySni = serverName },
            secrets = new { hmacSecret = "cluster-secret" },
        });
        return await IssuanceSetup.IdOf(target);
    }

    /// <summary>A valid certificate for <paramref name="commonName"/> bound to the target, deployed only when asked.</summary>
    private async Task<string> BindAsync(IssuanceSetup setup, string commonName, string targetId)
    {
        var certificateId = await setup.RequestAsync(commonName);
        await setup.WaitForStatusAsync(certificateId, "valid");
        return await IssuanceSetup.IdOf(await setup.Api.PostAsJsonAsync("/api/v1/deployments", new { certificateId, targetId, autoDeploy = false }));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
            if (condition())
                return;
        throw new TimeoutException(failure);
    }
}
