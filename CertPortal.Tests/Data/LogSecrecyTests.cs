using System.Net;
using System.Net.Http.Json;
using System.Text;
using CertPortal.Features.Users;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Data;

/// <summary>The log files are read by whoever fixes the server; they must never carry a password or a token.</summary>
public sealed class LogSecrecyTests
{
    private const string BootstrapPassword = "bootstrap passphrase for the logs 11";
    private const string UserPassword = "user passphrase for the logs 22";
    private const string ResetPassword = "reset passphrase for the logs 33";

    [Fact]
    public async Task Passwords_and_api_tokens_used_with_the_portal_never_reach_the_log_files()
    {
        using var folder = new TempFolder();
        var secrets = new List<string> { BootstrapPassword, UserPassword, ResetPassword };
        await using (var portal = new PortalFactory(folder.Path))
        {
            portal.Settings["CertPortal:Bootstrap:AdminEmail"] = "first-admin@msp.test";
            portal.Settings["CertPortal:Bootstrap:AdminPassword"] = BootstrapPassword;
            var user = await portal.CreateUserAsync("logged@msp.test", "technician", UserPassword);
            await portal.InScopeAsync(sp => sp.GetRequiredService<UserService>().ResetPasswordAsync(user.Id, ResetPassword));
            await portal.InScopeAsync(sp => sp.GetRequiredService<UserService>().CreateAsync("logged@msp.test", UserPassword, "admin"));

            var adminToken = await portal.CreateTokenAsync("admin");
            var admin = portal.ApiClient(adminToken);
            var created = await (await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name = "log-check", role = "technician" })).JsonAsync(HttpStatusCode.Created);
            var token = created.Str("token")!;
            secrets.AddRange([adminToken, token, token[^24..]]);

            var client = portal.ApiClient(token);
            await (await client.GetAsync($"/api/v1/customers?search={token}")).JsonAsync();
            await (await client.PostAsJsonAsync("/api/v1/customers", new { name = PortalSeed.UniqueName("Logged"), notes = UserPassword })).JsonAsync(HttpStatusCode.Created);
            await client.PostAsync("/api/v1/customers", new StringContent($"{{\"name\": \"{ResetPassword}", Encoding.UTF8, "application/json"));
            await client.GetAsync("/api/v1/api-tokens");
            // A token one character off, as a mistyped paste would be: still a secret, still not logged.
            var mistyped = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
            secrets.Add(mistyped);
            Assert.Equal(HttpStatusCode.Unauthorized, (await portal.ApiClient(mistyped).GetAsync("/api/v1/customers")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/api-tokens/{created.Str("id")}")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/customers")).StatusCode);
        }

        var logs = Directory.GetFiles(Path.Combine(folder.Path, "logs"), "*", SearchOption.AllDirectories);
        Assert.NotEmpty(logs);
        var text = new StringBuilder();
        foreach (var file in logs)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            text.Append(await new StreamReader(stream).ReadToEndAsync());
        }
        var all = text.ToString();
        Assert.Contains("first-admin@msp.test", all);
        foreach (var secret in secrets)
            Assert.False(all.Contains(secret, StringComparison.Ordinal), $"a secret ({secret[..6]}…) is in the log files");
    }
}
