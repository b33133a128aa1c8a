using System.Net;
using System.Net.Http.Json;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Settings;

namespace CertPortal.Tests.Users;

/// <summary>GET/PUT /api/v1/settings/security: who must use a second factor, and the idle timeout.</summary>
public sealed class SecuritySettingsApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Security_settings_read_as_defaults_save_partially_and_are_audited()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var defaults = await (await admin.GetAsync("/api/v1/settings/security")).JsonAsync();
        Assert.Equal(("none", 720), (defaults.Str("requireSecondFactor"), defaults.GetProperty("idleTimeoutMinutes").GetInt32()));
        Assert.Equal(2, defaults.EnumerateObject().Count());

        var saved = await (await admin.PutAsJsonAsync("/api/v1/settings/security", new { requireSecondFactor = "Admins", idleTimeoutMinutes = 30 })).JsonAsync();
        Assert.Equal(("admins", 30), (saved.Str("requireSecondFactor"), saved.GetProperty("idleTimeoutMinutes").GetInt32()));
        var kept = await (await admin.PutAsJsonAsync("/api/v1/settings/security", new { idleTimeoutMinutes = 45 })).JsonAsync();
        Assert.Equal(("admins", 45), (kept.Str("requireSecondFactor"), kept.GetProperty("idleTimeoutMinutes").GetInt32()));
        var read = await (await admin.GetAsync("/api/v1/settings/security")).JsonAsync();
        Assert.Equal(("admins", 45), (read.Str("requireSecondFactor"), read.GetProperty("idleTimeoutMinutes").GetInt32()));

        var audit = await SettingsApiTests.LatestAuditAsync(admin, "settings.security.update");
        Assert.Equal("success", audit.Str("outcome"));
        Assert.Contains("idle timeout 45 min (was 30)", audit.Str("summary"));
    }

    [Fact]
    public async Task Bad_security_settings_are_refused_field_by_field_and_change_nothing()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var before = await (await admin.GetAsync("/api/v1/settings/security")).JsonAsync();

        var response = await admin.PutAsJsonAsync("/api/v1/settings/security", new { requireSecondFactor = "sometimes", idleTimeoutMinutes = 1 });
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains("'sometimes' is not a choice", errors.GetProperty("requireSecondFactor")[0].GetString());
        Assert.Contains("from 5 to 10080 minutes", errors.GetProperty("idleTimeoutMinutes")[0].GetString());

        var after = await (await admin.GetAsync("/api/v1/settings/security")).JsonAsync();
        Assert.Equal(before.ToString(), after.ToString());
        Assert.Equal("failure", (await SettingsApiTests.LatestAuditAsync(admin, "settings.security.update")).Str("outcome"));
    }

    [Fact]
    public async Task Only_admins_see_or_change_security_settings()
    {
        foreach (var role in new[] { "technician", "readonly" })
        {
            var client = portal.ApiClient(await portal.CreateTokenAsync(role));
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/settings/security")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync("/api/v1/settings/security", new { requireSecondFactor = "none" })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await portal.ApiClient(null).GetAsync("/api/v1/settings/security")).StatusCode);
    }
}
