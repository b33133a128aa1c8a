using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;

namespace CertPortal.Tests.Deployments;

/// <summary>
/// A run that cannot work until a person changes the target (here: an ssh target whose host key was never trusted)
/// ends failed on its first attempt, saying so in the form's words, instead of retrying for minutes.
/// </summary>
public sealed class ConfigurationErrorRunTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task A_target_whose_host_key_was_never_trusted_fails_the_run_at_once_naming_the_field_as_the_form_does()
    {
        var customer = await _portal.SeedCustomerAsync();
        using var chain = new TestChain("untrusted.example.test");
        var certificate = await _portal.ImportAsync(customer.Id, chain);
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));
        var target = await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer.Id, name = "Web server", type = "ssh",
            settings = new { host = "127.0.0.1", port = "22", username = "deploy", certPath = "/etc/ssl/site.crt", keyPath = "/etc/ssl/site.key", reloadCommand = "systemctl reload nginx" },
            secrets = new { password = "not-used-before-the-key-is-trusted" },
        });
        Assert.Equal(HttpStatusCode.Created, target.StatusCode);
        var targetId = (await target.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var binding = await _portal.BindAsync(certificate.Id, targetId);

        var started = await api.PostAsync($"/api/v1/deployments/{binding.Id}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = await RunPolling.WaitForFinishAsync(api, $"/api/v1/deployments/{binding.Id}/runs", version: 1);

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("attempt").GetInt32());
        var steps = run.GetProperty("steps").EnumerateArray().ToList();
        Assert.DoesNotContain(steps, s => s.GetProperty("name").GetString() == "retry");
        var failed = steps.Single(s => s.GetProperty("status").GetString() == "failed").GetProperty("message").GetString();
        Assert.StartsWith("Host key SHA-256 is empty: run Test and trust the key it shows for 127.0.0.1:22.", failed);
        Assert.Contains("Not retried", failed);
        Assert.DoesNotContain("hostKeySha256", failed);
    }

    public void Dispose() => _portal.Dispose();
}
