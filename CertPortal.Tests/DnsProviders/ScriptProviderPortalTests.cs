using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.DnsProviders;

/// <summary>
/// The script provider through the portal: only admins may set one up, a path that cannot run is refused with a
/// clear message, and an order proves its names to Pebble through the hook (or fails with the hook's stderr).
/// </summary>
public sealed class ScriptProviderPortalTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>, IDisposable
{
    private readonly PortalFactory _portal = LabDiscovery.Portal(peers.Bind.NameServer, peers.Bind.Port);

    [Fact]
    public async Task Only_an_admin_may_create_a_script_provider_and_a_technician_may_test_the_saved_one()
    {
        using var hook = new HookScript(peers.Bind);
        var customer = await _portal.SeedCustomerAsync();
        var technician = _portal.ApiClient(await _portal.CreateTokenAsync("technician"));
        var admin = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));

        var refused = await ProblemAssert.IsProblemAsync(await technician.PostAsJsonAsync("/api/v1/dns-providers", Body(customer.Id, hook.Program)), HttpStatusCode.Forbidden);
        Assert.Contains("Only an admin", refused.GetProperty("detail").GetString());

        var created = await admin.PostAsJsonAsync("/api/v1/dns-providers", Body(customer.Id, hook.Program));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var edit = await technician.PutAsJsonAsync($"/api/v1/dns-providers/{id}", Body(customer.Id, "/bin/sh", name: "Changed"));
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);

        var test = await (await technician.PostAsync($"/api/v1/dns-providers/{id}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(test.GetProperty("ok").GetBoolean(), test.GetProperty("message").GetString());
        Assert.StartsWith("Wrote, saw and removed a TXT record at _certportal-test-", test.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("relative/hook.sh", "must be an absolute path")]
    [InlineData("/nonexistent/hook.sh", "There is no file /nonexistent/hook.sh")]
    [InlineData("{a file without x bits}", "is not executable")]
    public async Task A_hook_path_that_cannot_run_is_refused_naming_the_field_and_nothing_is_stored(string program, string message)
    {
        using var folder = new TempFolder("hook");
        var plain = Path.Combine(folder.Path, "hook.sh");
        await File.WriteAllTextAsync(plain, "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(plain, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        program = program.Replace("{a file without x bits}", plain);
        var customer = await _portal.SeedCustomerAsync();
        var admin = _portal.ApiClient(await _portal.CreateTokenAsync("admin"));
        var problem = await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/dns-providers", Body(customer.Id, program)), HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty("settings.program")[0].GetString());
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/dns-providers?customerId={customer.Id}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_certificate_is_issued_through_the_hook_with_every_step_logged()
    {
        using var hook = new HookScript(peers.Bind);
        var setup = await IssuanceSetup.CreateAsync(_portal, peers, "admin", "script", Settings(hook), new { });
        var id = await setup.RequestAsync("script.example.test");
        await setup.WaitForStatusAsync(id, "valid");
        var runs = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs");
        Assert.Equal("succeeded", runs[0].GetProperty("status").GetString());
        Assert.Empty(await peers.Bind.TxtAsync("_acme-challenge.script.example.test"));
    }

    [Fact]
    public async Task A_hook_that_fails_fails_the_run_with_its_exit_code_and_stderr_and_a_time_to_retry()
    {
        using var hook = new HookScript(peers.Bind, secret: Convert.ToBase64String(new byte[32]));
        var setup = await IssuanceSetup.CreateAsync(_portal, peers, "admin", "script", Settings(hook), new { });
        var id = await setup.RequestAsync("refused.example.test");
        var failed = await setup.WaitForStatusAsync(id, "failed");
        var error = failed.GetProperty("lastError").GetString();
        Assert.Contains("exited with code", error);
        Assert.Contains("NOTAUTH", error);
        Assert.True(failed.GetProperty("nextAttemptAt").GetDateTime() > DateTime.UtcNow.AddMinutes(3));
        var runs = await setup.Api.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{id}/runs");
        Assert.Equal("failed", runs[0].GetProperty("status").GetString());
        Assert.Contains(runs[0].GetProperty("steps").EnumerateArray(), s => s.ToString().Contains("NOTAUTH"));
    }

    private Dictionary<string, object?> Settings(HookScript hook) => new()
    {
        ["program"] = hook.Program, ["zone"] = BindFixture.Zone, ["resolvers"] = new[] { peers.Bind.NameServer }, ["propagationTimeoutSeconds"] = 20,
    };

    private static object Body(Guid customerId, string program, string name = "Hook") => new
    {
        customerId, name, type = "script", settings = new { program, zone = BindFixture.Zone }, secrets = new { },
    };

    public void Dispose() => _portal.Dispose();
}
