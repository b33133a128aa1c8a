using System.Net;
using System.Security.Cryptography;
using CertPortal.Data;
using CertPortal.Features.Users.Account;
using CertPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CertPortal.Tests.Users;

/// <summary>The real binary's commands, each on a fresh data folder, as an operator runs them.</summary>
public sealed class CommandLineTests : IDisposable
{
    private const string Password = "correct horse battery staple";

    private readonly TempFolder _data = new("certportal-cli");

    [Fact]
    public async Task Migrate_prepares_the_database_and_exits_without_serving()
    {
        var run = await PortalCli.RunAsync(_data.Path, "migrate");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("is at migration", run.Stdout);
        Assert.DoesNotContain("Now listening", run.Stdout + run.Stderr);
        Assert.True(File.Exists(Path.Combine(_data.Path, "certportal.db")));
        Assert.True(File.Exists(Path.Combine(_data.Path, "master.key")));
    }

    [Fact]
    public async Task Create_user_succeeds_once_and_a_second_user_with_that_email_is_refused_on_stderr()
    {
        var created = await PortalCli.RunAsync(_data.Path, "create-user", "--email", "a@b.test", "--password", Password, "--role", "admin");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("a@b.test", created.Stdout);

        var duplicate = await PortalCli.RunAsync(_data.Path, "create-user", "--email", "A@b.test", "--password", Password, "--role", "readonly");
        Assert.True(duplicate.ExitCode != 0, duplicate.ToString());
        Assert.Contains("already exists", duplicate.Stderr);
        Assert.DoesNotContain(Password, duplicate.Stdout + duplicate.Stderr);
    }

    [Fact]
    public async Task Create_user_with_an_unknown_role_or_without_a_password_exits_non_zero_and_says_why()
    {
        var role = await PortalCli.RunAsync(_data.Path, "create-user", "--email", "c@b.test", "--password", Password, "--role", "superuser");
        Assert.True(role.ExitCode != 0, role.ToString());
        Assert.Contains("admin, technician or readonly", role.Stderr);

        var noPassword = await PortalCli.RunAsync(_data.Path, "create-user", "--email", "c@b.test", "--role", "admin");
        Assert.True(noPassword.ExitCode != 0, noPassword.ToString());
        Assert.Contains("--password", noPassword.Stderr);

        var retry = await PortalCli.RunAsync(_data.Path, "create-user", "--email", "c@b.test", "--password", Password, "--role", "technician");
        Assert.True(retry.ExitCode == 0, $"the refused attempts left something behind: {retry}");
    }

    [Fact]
    public async Task Create_api_token_prints_only_the_token_and_the_portal_accepts_it_with_its_role()
    {
        var run = await PortalCli.RunAsync(_data.Path, "create-api-token", "--name", "ci", "--role", "technician");

        Assert.True(run.ExitCode == 0, run.ToString());
        var token = Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Trim();
        Assert.StartsWith("cpt_", token);
        Assert.Equal(token + Environment.NewLine, run.Stdout);

        await using var portal = new PortalFactory(_data.Path);
        var client = portal.ApiClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/api-tokens")).StatusCode);
    }

    [Fact]
    public async Task Reset_password_sets_the_new_password_and_clears_a_lockout()
    {
        const string newPassword = "a brand new passphrase 2026";
        Assert.Equal(0, (await PortalCli.RunAsync(_data.Path, "create-user", "--email", "locked@b.test", "--password", Password, "--role", "technician")).ExitCode);
        await using var portal = new PortalFactory(_data.Path);
        var browser = portal.BrowserLikeClient();
        for (var attempt = 1; attempt <= 5; attempt++)
            await browser.PostSignInAsync("locked@b.test", "wrong guess " + attempt);
        Assert.Equal(Login.Refused, FormSignIn.ErrorOf((await browser.PostSignInAsync("locked@b.test", Password)).Body));

        var reset = await PortalCli.RunAsync(_data.Path, "reset-password", "--email", "locked@b.test", "--password", newPassword);

        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.DoesNotContain(newPassword, reset.Stdout + reset.Stderr);
        var (response, body) = await portal.BrowserLikeClient().PostSignInAsync("locked@b.test", newPassword);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in with the new password: {(int)response.StatusCode} {FormSignIn.ErrorOf(body)}");
        Assert.Equal(Login.Refused, FormSignIn.ErrorOf((await portal.BrowserLikeClient().PostSignInAsync("locked@b.test", Password)).Body));

        var unknown = await PortalCli.RunAsync(_data.Path, "reset-password", "--email", "nobody@b.test", "--password", newPassword);
        Assert.True(unknown.ExitCode != 0, unknown.ToString());
        Assert.Contains("nobody@b.test", unknown.Stderr);
    }

    [Fact]
    public async Task A_master_key_that_does_not_fit_the_database_stops_a_command_with_exit_code_2()
    {
        Assert.Equal(0, (await PortalCli.RunAsync(_data.Path, "migrate")).ExitCode);
        var keyFile = await File.ReadAllTextAsync(Path.Combine(_data.Path, "master.key"));
        var otherKey = MasterKey.Generate();

        var run = await PortalCli.RunAsync(_data.Path, new Dictionary<string, string> { [MasterKeyStore.EnvironmentVariable] = otherKey.ToBase64() },
            "create-user", "--email", "d@b.test", "--password", Password, "--role", "admin");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("does not fit", run.Stderr);
        Assert.Contains(otherKey.Id, run.Stderr);
        Assert.DoesNotContain(otherKey.ToBase64(), run.Stdout + run.Stderr);
        Assert.Equal(keyFile, await File.ReadAllTextAsync(Path.Combine(_data.Path, "master.key")));
        var retry = await PortalCli.RunAsync(_data.Path, "create-user", "--email", "d@b.test", "--password", Password, "--role", "admin");
        Assert.True(retry.ExitCode == 0, $"the refused command created the user after all: {retry}");
    }

    [Fact]
    public async Task Rotate_master_key_reseals_and_the_portal_starts_with_the_new_key()
    {
        var tokenRun = await PortalCli.RunAsync(_data.Path, "create-api-token", "--name", "before-rotation", "--role", "admin");
        Assert.True(tokenRun.ExitCode == 0, tokenRun.ToString());
        var keyFile = Path.Combine(_data.Path, "master.key");
        var oldKey = await File.ReadAllTextAsync(keyFile);

        var rotate = await PortalCli.RunAsync(_data.Path, "rotate-master-key");

        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        var newKey = await File.ReadAllTextAsync(keyFile);
        Assert.NotEqual(oldKey, newKey);
        Assert.False(File.Exists(keyFile + ".next"), "master.key.next was left behind");
        var newKeyId = Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(newKey.Trim())))[..8];
        Assert.Contains(newKeyId, rotate.Stdout);
        Assert.DoesNotContain(newKey.Trim(), rotate.Stdout + rotate.Stderr);

        await using (var portal = new PortalFactory(_data.Path))
        {
            Assert.Equal(HttpStatusCode.OK, (await portal.ApiClient(null).GetAsync("/api/v1/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await portal.ApiClient(tokenRun.Stdout.Trim()).GetAsync("/api/v1/customers")).StatusCode);
        }
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "certportal.db")};Pooling=False");
        await connection.OpenAsync();
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT KeyId, SealedValue FROM KeyCheck";
        await using var row = await query.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync(), "no KeyCheck row");
        Assert.Equal(newKeyId, row.GetString(0));
        Assert.Equal(newKeyId, SecretProtector.KeyIdOf(row.GetString(1)));
    }

    public void Dispose() => _data.Dispose();
}
