using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Deployments;

/// <summary>
/// The main flow past issuance: a certificate from Pebble bound to a target; a new version is pushed by itself,
/// the served leaf is checked by a TLS handshake, and a device that keeps the old one gets the previous version back.
/// </summary>
public sealed class DeploymentRunTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>, IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task A_bound_certificate_is_verified_on_the_target_and_its_renewal_is_deployed_by_itself()
    {
        await using var device = await WebhookDevice.StartAsync();
        var (setup, certificateId, deploymentId) = await ArrangeAsync("deploy.example.test", device);
        // Bound after version 1 was issued: that version waits for someone to run it; only later ones go by themselves.
        var deployment0 = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}");
        Assert.Equal(JsonValueKind.Null, deployment0.GetProperty("lastRun").ValueKind);

        var started = await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString();
        var run = await RunPolling.WaitForFinishAsync(setup.Api, $"/api/v1/deployments/{deploymentId}/runs/{runId}");
        var certificate = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{certificateId}");
        Assert.Equal("verified", run.GetProperty("status").GetString());
        Assert.Equal(certificate.GetProperty("thumbprintSha256").GetString(), run.GetProperty("servedThumbprintSha256").GetString());
        Assert.Equal(["start", "upload", "verify"], run.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()));

        // Renewal: CertificateIssued queues a run for the auto-deploy binding, nobody asks.
        await setup.Api.PostAsync($"/api/v1/certificates/{certificateId}/renew", null);
        var renewed = await setup.WaitAsync(certificateId, c => c.GetProperty("versions").GetArrayLength() == 2 && c.GetProperty("status").GetString() == "valid");
        var second = await RunPolling.WaitForFinishAsync(setup.Api, $"/api/v1/deployments/{deploymentId}/runs", version: 2);
        Assert.Equal("verified", second.GetProperty("status").GetString());
        Assert.Equal(renewed.GetProperty("thumbprintSha256").GetString(), second.GetProperty("servedThumbprintSha256").GetString());
        var deployment = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}");
        Assert.Equal(2, deployment.GetProperty("verifiedVersion").GetInt32());
    }

    [Fact]
    public async Task A_device_that_keeps_serving_the_old_certificate_fails_verification_and_gets_the_previous_version_back()
    {
        await using var device = await WebhookDevice.StartAsync();
        var (setup, certificateId, deploymentId) = await ArrangeAsync("rollback.example.test", device);
        await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/run", null);
        await RunPolling.WaitForFinishAsync(setup.Api, $"/api/v1/deployments/{deploymentId}/runs", version: 1);

        device.IgnorePushes = true;
        await setup.Api.PostAsync($"/api/v1/certificates/{certificateId}/renew", null);
        var run = await RunPolling.WaitForFinishAsync(setup.Api, $"/api/v1/deployments/{deploymentId}/runs", version: 2);

        Assert.Equal("rolled-back", run.GetProperty("status").GetString());
        var steps = run.GetProperty("steps").EnumerateArray().ToList();
        Assert.Contains(steps, s => s.GetProperty("name").GetString() == "verify" && s.GetProperty("status").GetString() == "failed"
            && s.GetProperty("message").GetString()!.Contains("not version 2"));
        Assert.Contains(steps, s => s.GetProperty("name").GetString() == "rollback" && s.GetProperty("message").GetString()!.Contains("Version 1 put back"));
        Assert.Equal("certificate.rollback", device.Events[^1]);
        var deployment = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}");
        Assert.Equal(1, deployment.GetProperty("verifiedVersion").GetInt32());
        var audit = await setup.Api.GetStringAsync($"/api/v1/audit?entityId={deploymentId}");
        Assert.Contains("rolled-back", audit);
    }

    [Fact]
    public async Task A_binding_across_customers_a_duplicate_and_unknown_ids_are_refused()
    {
        await using var device = await WebhookDevice.StartAsync();
        var (setup, certificateId, deploymentId) = await ArrangeAsync("refuse.example.test", device);
        var deployment = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}");
        var duplicate = await setup.Api.PostAsJsonAsync("/api/v1/deployments", new { certificateId, targetId = deployment.GetProperty("targetId").GetString() });
        Assert.Contains("already bound", (await ProblemAssert.IsInvalidFieldAsync(duplicate, "targetId"))[0]);
        var other = await _portal.SeedCustomerAsync();
        var foreignTarget = await setup.Api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = other.Id, name = "Other hook", type = "webhook", settings = new { url = device.HookUrl }, secrets = new { hmacSecret = "x" },
        });
        var cross = await setup.Api.PostAsJsonAsync("/api/v1/deployments", new { certificateId, targetId = await IssuanceSetup.IdOf(foreignTarget) });
        Assert.Contains("another customer", (await ProblemAssert.IsInvalidFieldAsync(cross, "targetId"))[0]);
        await ProblemAssert.IsInvalidFieldAsync(await setup.Api.PostAsJsonAsync("/api/v1/deployments", new { certificateId = Guid.NewGuid(), targetId = Guid.NewGuid() }), "certificateId");
        await ProblemAssert.IsProblemAsync(await setup.Api.PostAsync($"/api/v1/deployments/{Guid.NewGuid()}/run", null), HttpStatusCode.NotFound);
        var readonlyApi = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));
        await ProblemAssert.IsProblemAsync(await readonlyApi.PostAsync($"/api/v1/deployments/{deploymentId}/run", null), HttpStatusCode.Forbidden);

        var changed = await setup.Api.PutAsJsonAsync($"/api/v1/deployments/{deploymentId}", new { autoDeploy = false });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.False((await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("autoDeploy").GetBoolean());
        await ProblemAssert.IsProblemAsync(await readonlyApi.PutAsJsonAsync($"/api/v1/deployments/{deploymentId}", new { autoDeploy = true }), HttpStatusCode.Forbidden);
        Assert.False((await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}")).GetProperty("autoDeploy").GetBoolean());
        Assert.Contains("new versions wait for someone", await setup.Api.GetStringAsync($"/api/v1/audit?entityId={deploymentId}&action=deployment.update"));

        var targetId = deployment.GetProperty("targetId").GetString();
        var targetInUse = await ProblemAssert.IsProblemAsync(await setup.Api.DeleteAsync($"/api/v1/targets/{targetId}"), HttpStatusCode.Conflict);
        Assert.Contains("the binding of certificate refuse.example.test", targetInUse.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await setup.Api.DeleteAsync($"/api/v1/certificates/{certificateId}"), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await setup.Api.DeleteAsync($"/api/v1/deployments/{deploymentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await setup.Api.DeleteAsync($"/api/v1/targets/{targetId}")).StatusCode);
    }

    [Fact]
    public async Task An_automatic_run_waits_for_the_maintenance_window_and_run_now_overrides_it_with_an_audit_entry()
    {
        await using var device = await WebhookDevice.StartAsync();
        var opensAt = _portal.Clock.GetUtcNow().AddHours(12);
        var window = $"Mon-Sun {opensAt:HH}:00-{opensAt:HH}:59 UTC";
        var (setup, certificateId, deploymentId) = await ArrangeAsync("window.example.test", device, window);

        await setup.Api.PostAsync($"/api/v1/certificates/{certificateId}/renew", null);
        var waiting = await RunPolling.WaitForStatusAsync(setup.Api, deploymentId, 2, "waiting-window");
        Assert.Contains("Outside the maintenance window", waiting.GetProperty("steps")[0].GetProperty("message").GetString());

        // Into the window's hour, a few minutes past its start (whatever minute the test began at).
        var windowStart = new DateTimeOffset(opensAt.Year, opensAt.Month, opensAt.Day, opensAt.Hour, 0, 0, TimeSpan.Zero);
        _portal.Clock.Advance(windowStart.AddMinutes(5) - _portal.Clock.GetUtcNow());
        await using (var scope = _portal.Services.CreateAsyncScope())
            Assert.Equal(1, await ActivatorUtilities.CreateInstance<Features.Deployments.Runs.PendingRunsJob>(scope.ServiceProvider).RunOnceAsync(CancellationToken.None));
        Assert.Equal("verified", (await RunPolling.WaitForFinishAsync(setup.Api, $"/api/v1/deployments/{deploymentId}/runs", version: 2)).GetProperty("status").GetString());

        // Outside the window again, a person's "run now" goes ahead and the audit log says it overrode the window.
        _portal.Clock.Advance(TimeSpan.FromHours(2));
        await setup.Api.PostAsync($"/api/v1/certificates/{certificateId}/renew", null);
        await RunPolling.WaitForStatusAsync(setup.Api, deploymentId, 3, "waiting-window");
        var forced = await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, forced.StatusCode);
        var audit = await setup.Api.GetStringAsync($"/api/v1/audit?entityId={deploymentId}&action=deployment.run-now");
        Assert.Contains("maintenance window is overridden", audit);
    }

    private async Task<(IssuanceSetup Setup, string CertificateId, string DeploymentId)> ArrangeAsync(string name, WebhookDevice device, string? window = null)
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var certificateId = await setup.RequestAsync(name);
        await setup.WaitForStatusAsync(certificateId, "valid");
        var target = await setup.Api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = setup.CustomerId, name = $"Device {name}", type = "webhook",
            settings = new { url = device.HookUrl, includeKey = "true", verifyHost = "127.0.0.1", verifyPort = device.TlsPort.ToString(), verifySni = name, maintenanceWindow = window },
            secrets = new { hmacSecret = "device-secret" },
        });
        Assert.Equal(HttpStatusCode.Created, target.StatusCode);
        var deployment = await setup.Api.PostAsJsonAsync("/api/v1/deployments", new { certificateId, targetId = await IssuanceSetup.IdOf(target), autoDeploy = true });
        Assert.True(deployment.StatusCode == HttpStatusCode.Created, await deployment.Content.ReadAsStringAsync());
        return (setup, certificateId, await IssuanceSetup.IdOf(deployment));
    }

    public void Dispose() => _portal.Dispose();
}
