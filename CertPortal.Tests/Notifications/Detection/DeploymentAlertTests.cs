using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Notifications;
using CertPortal.Features.Notifications.Detection;
using CertPortal.Tests.Deployments;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Notifications.Detection;

/// <summary>
/// Alerts from deployment runs of an imported certificate: a run failed after its retries (not before) is told once
/// until a run succeeds, and one waiting for a technician longer than the rules allow is told once; each failure is
/// in the application log with its ids.
/// </summary>
public sealed class DeploymentAlertTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private readonly string _inbox = AlertSetup.Mailbox("ops");
    private SmtpServer _smtp = default!;
    private HttpClient _api = default!;
    private Guid _customerId;
    private Guid _certificateId;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        await _portal.UseMailServerAsync(_smtp);
        _customerId = (await _portal.SeedCustomerAsync(alertEmails: _inbox)).Id;
        _certificateId = await _portal.ImportExpiringAsync(_customerId, "device.example.test", _portal.Clock.GetUtcNow().UtcDateTime.AddDays(200));
        _api = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
    }

    [Fact]
    public async Task A_run_that_fails_after_its_retries_is_told_once_until_a_run_succeeds()
    {
        var targetId = await CreateTargetAsync("Hook", "webhook", new { url = $"http://127.0.0.1:{FreePort.Next()}/hook" }, new { hmacSecret = "hook-secret" });
        var deploymentId = await BindAsync(targetId);

        var runId = await RunAsync(deploymentId);
        await FailAllAttemptsAsync(deploymentId, runId);
        var mail = Assert.Single(await _smtp.ExactlyAsync(_inbox, 1));
        Assert.Contains("Deployment of device.example.test to Hook failed", mail.Subject);
        Assert.Contains($"/deployments/{deploymentId}/runs/{runId}", mail.Text);
        var log = await LogAsync();
        // Serilog writes the ids as quoted values.
        Assert.Contains($"[WRN] CertPortal.Features.Deployments.Runs.DeploymentRunner: Deployment run \"{runId}\" failed at deploy (attempt 1 of 3)", log);
        Assert.Contains($"[ERR] CertPortal.Features.Deployments.Runs.DeploymentRunner: Deployment run \"{runId}\" of version 1 ended failed", log);
        Assert.Contains($"(CustomerId \"{_customerId}\", CertificateId \"{_certificateId}\", TargetId \"{targetId}\", DeploymentId \"{deploymentId}\")", log);
        Assert.DoesNotContain("hook-secret", log);

        await FailAllAttemptsAsync(deploymentId, await RunAsync(deploymentId));
        await _smtp.ExactlyAsync(_inbox, 1);

        await using var device = await WebhookDevice.StartAsync();
        (await _api.PutAsJsonAsync($"/api/v1/targets/{targetId}", new { customerId = _customerId, name = "Hook", type = "webhook", settings = new { url = device.HookUrl },
            secrets = new { hmacSecret = "hook-secret" } })) // a new URL takes the secret again
            .EnsureSuccessStatusCode();
        var fixedRun = await RunAsync(deploymentId);
        Assert.Equal("succeeded", (await RunPolling.WaitForFinishAsync(_api, $"/api/v1/deployments/{deploymentId}/runs/{fixedRun}")).GetProperty("status").GetString());
        await _portal.WaitUntilResolvedAsync(AlertKeys.DeploymentFailed(deploymentId));
    }

    [Fact]
    public async Task A_run_waiting_for_a_technician_longer_than_the_rules_allow_is_told_once()
    {
        var targetId = await CreateTargetAsync("Appliance", "manual", new { checklist = "Upload the PFX" });
        var deploymentId = await BindAsync(targetId);
        var runId = await RunAsync(deploymentId);
        await WaitAsync(deploymentId, runId, r => r.GetProperty("awaitingPerson").GetBoolean());

        _portal.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await _api.CheckAsync());
        _portal.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await _api.CheckAsync());
        Assert.Equal(0, await _api.CheckAsync());
        var mail = Assert.Single(await _smtp.ExactlyAsync(_inbox, 1));
        Assert.Contains("device.example.test on 'Appliance': waits for a technician for 25 hours", mail.Subject);

        (await _api.PostAsync($"/api/v1/deployments/{deploymentId}/runs/{runId}/done", null)).EnsureSuccessStatusCode();
        await RunPolling.WaitForFinishAsync(_api, $"/api/v1/deployments/{deploymentId}/runs/{runId}");
        await _portal.WaitUntilResolvedAsync(AlertKeys.Waiting(deploymentId));
        Assert.Single(await _portal.SendsAsync(AlertKinds.DeploymentWaiting, deploymentId));
    }

    /// <summary>Lets each retry of the run come due (moving the clock) until its last attempt failed.</summary>
    private async Task FailAllAttemptsAsync(Guid deploymentId, Guid runId)
    {
        var told = (await _portal.SendsAsync(AlertKinds.DeploymentFailed, deploymentId)).Count;
        for (var attempt = 1; attempt < DeploymentRunner.MaxAttempts; attempt++)
        {
            await WaitAsync(deploymentId, runId, r => r.GetProperty("steps").EnumerateArray().Count(s => s.GetProperty("name").GetString() == "retry") == attempt
                                                      && r.GetProperty("status").GetString() == "queued");
            // A failure that is tried again is no alert yet.
            Assert.Equal(told, (await _portal.SendsAsync(AlertKinds.DeploymentFailed, deploymentId)).Count);
            _portal.Clock.Advance(TimeSpan.FromMinutes(6));
            await using var scope = _portal.Services.CreateAsyncScope();
            await ActivatorUtilities.CreateInstance<PendingRunsJob>(scope.ServiceProvider).RunOnceAsync(CancellationToken.None);
        }
        await WaitAsync(deploymentId, runId, r => r.GetProperty("status").GetString() == "failed");
    }

    private async Task<Guid> CreateTargetAsync(string name, string type, object settings, object? secrets = null)
    {
        var response = await _api.PostAsJsonAsync("/api/v1/targets", new { customerId = _customerId, name, type, settings, secrets = secrets ?? new { } });
        return AlertSetup.IdOf(await response.JsonAsync(HttpStatusCode.Created));
    }

    private async Task<Guid> BindAsync(Guid targetId) =>
        AlertSetup.IdOf(await (await _api.PostAsJsonAsync("/api/v1/deployments", new { certificateId = _certificateId, targetId, autoDeploy = false })).JsonAsync(HttpStatusCode.Created));

    private async Task<Guid> RunAsync(Guid deploymentId) =>
        Guid.Parse((await (await _api.PostAsync($"/api/v1/deployments/{deploymentId}/run", null)).JsonAsync(HttpStatusCode.Accepted)).GetProperty("runId").GetString()!);

    private async Task<JsonElement> WaitAsync(Guid deploymentId, Guid runId, Func<JsonElement, bool> until)
    {
        JsonElement last = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
            if (until(last = await _api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}/runs/{runId}")))
                return last;
        throw new TimeoutException($"Run {runId} did not get there: {last}");
    }

    private async Task<string> LogAsync()
    {
        var texts = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(_portal.DataPath, "logs")))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            texts.Add(await new StreamReader(stream).ReadToEndAsync());
        }
        return string.Join("\n", texts);
    }

    public Task DisposeAsync()
    {
        _portal.Dispose();
        _smtp.Dispose();
        return Task.CompletedTask;
    }
}
