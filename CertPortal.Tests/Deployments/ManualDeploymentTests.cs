using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Deployments;

/// <summary>
/// A manual target: the run hands over the bundle and waits for a person; "done" is not believed but checked on the
/// endpoint. The device is a TLS port the test, as the technician, installs the downloaded bundle on.
/// </summary>
public sealed class ManualDeploymentTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>, IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task A_manual_run_waits_for_the_technician_and_is_verified_once_the_downloaded_bundle_is_served()
    {
        await using var device = await WebhookDevice.StartAsync();
        var (setup, certificateId, deploymentId) = await ArrangeAsync("manual.example.test", device);

        var started = await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/run", null);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString();
        var waiting = await WaitForAwaitingAsync(setup.Api, deploymentId, runId!);
        Assert.Equal("running", waiting.GetProperty("status").GetString());
        Assert.Equal(["start", "bundle", "manual"], waiting.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Contains("2 checklist step(s)", waiting.GetProperty("steps")[1].GetProperty("message").GetString());

        // The technician downloads the bundle of the run's version and puts it on the device.
        var zip = new ZipArchive(await setup.Api.GetStreamAsync($"/api/v1/certificates/{certificateId}/download?format=zip&version=1"));
        string Read(string suffix) => new StreamReader(zip.Entries.Single(e => e.Name.EndsWith(suffix)).Open()).ReadToEnd();
        device.Serve(Read(".fullchain.pem"), Read(".key"));

        var done = await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/runs/{runId}/done", null);
        Assert.Equal(HttpStatusCode.Accepted, done.StatusCode);
        var run = await RunPolling.WaitForFinishAsync(setup.Api, $"/api/v1/deployments/{deploymentId}/runs/{runId}");
        var certificate = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{certificateId}");
        Assert.Equal("verified", run.GetProperty("status").GetString());
        Assert.Equal(certificate.GetProperty("thumbprintSha256").GetString(), run.GetProperty("servedThumbprintSha256").GetString());
        Assert.False(run.GetProperty("awaitingPerson").GetBoolean());
        Assert.Contains("Marked done by", run.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "manual" && s.GetProperty("status").GetString() == "done")
            .GetProperty("message").GetString());

        // Once done it waits for nobody: a second "done" is refused and recorded.
        var again = await ProblemAssert.IsProblemAsync(await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/runs/{runId}/done", null), HttpStatusCode.Conflict);
        Assert.Contains("only a run that waits for a person", again.GetProperty("detail").GetString());
        Assert.Contains("Refused", await setup.Api.GetStringAsync($"/api/v1/audit?entityId={deploymentId}&action=deployment.manual-done"));
    }

    [Fact]
    public async Task Done_without_the_certificate_in_place_fails_verification_and_is_checked_again_later()
    {
        await using var device = await WebhookDevice.StartAsync();
        var (setup, _, deploymentId) = await ArrangeAsync("manual-not-done.example.test", device);
        var started = await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/run", null);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString();
        await WaitForAwaitingAsync(setup.Api, deploymentId, runId!);
        var readOnly = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));
        await ProblemAssert.IsProblemAsync(await readOnly.PostAsync($"/api/v1/deployments/{deploymentId}/runs/{runId}/done", null), HttpStatusCode.Forbidden);

        await setup.Api.PostAsync($"/api/v1/deployments/{deploymentId}/runs/{runId}/done", null);
        var steps = await WaitForStepAsync(setup.Api, deploymentId, runId!, "retry");
        Assert.Contains(steps, s => s.GetProperty("name").GetString() == "verify" && s.GetProperty("status").GetString() == "failed"
            && s.GetProperty("message").GetString()!.Contains("not version 1"));
        Assert.Equal("retry", steps[^1].GetProperty("name").GetString());
    }

    private static async Task<JsonElement> WaitForAwaitingAsync(HttpClient api, string deploymentId, string runId)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var run = await api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}/runs/{runId}");
            if (run.GetProperty("awaitingPerson").GetBoolean())
                return run;
        }
        throw new TimeoutException("The manual run never waited for a person.");
    }

    private static async Task<List<JsonElement>> WaitForStepAsync(HttpClient api, string deploymentId, string runId, string name)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var run = await api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}/runs/{runId}");
            var steps = run.GetProperty("steps").EnumerateArray().ToList();
            if (steps.Any(s => s.GetProperty("name").GetString() == name))
            {
                Assert.Equal("queued", run.GetProperty("status").GetString());
                return steps;
            }
        }
        throw new TimeoutException($"The run never reached the step '{name}'.");
    }

    private async Task<(IssuanceSetup Setup, string CertificateId, string DeploymentId)> ArrangeAsync(string name, WebhookDevice device)
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var certificateId = await setup.RequestAsync(name);
        await setup.WaitForStatusAsync(certificateId, "valid");
        var target = await setup.Api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = setup.CustomerId, name = $"Appliance {name}", type = "manual",
            settings = new { checklist = "Upload the PFX under System > Certificates\nSelect it for the HTTPS service", verifyHost = "127.0.0.1", verifyPort = device.TlsPort.ToString(), verifySni = name },
        });
        Assert.Equal(HttpStatusCode.Created, target.StatusCode);
        var deployment = await setup.Api.PostAsJsonAsync("/api/v1/deployments", new { certificateId, targetId = await IssuanceSetup.IdOf(target), autoDeploy = false });
        return (setup, certificateId, await IssuanceSetup.IdOf(deployment));
    }

    public void Dispose() => _portal.Dispose();
}
